/**
 * What one implementation contributes: its arithmetic, its summation, and its numeric kernels.
 * The semantic drivers (softmaxDriver.ts, binaryDriver.ts) apply spec/losses.md and the profile
 * around them, so semantics are written once and numerics once per implementation.
 * `T` is the implementation's number type: a double, or an enclosure for the reference.
 */
import type { ValidCase } from '../case/validate.js';
import type { Arith } from './arith.js';

/**
 * One position's softmax CE as coefficients: `ℓ = −Σ_{c∈A} a_c·lp_c` and
 * `∂ℓ/∂x_c = W·p_c − a_c` (GRAD-1, GRAD-2).
 */
export interface RowCoefficients<T> {
  /** `a_c` for every class; entries outside A are unused. */
  readonly a: readonly T[];
  /** The one class in A (CE-3.3), or −1 when every class's term exists (CE-4.2, LS-2). */
  readonly only: number;
  /** `W`: Σ_{c∈A} a_c, or 1 under PRO-8 `unit`. */
  readonly mass: T;
  /** PRO-8 `unit`: `W` is 1, not the coefficients' sum. */
  readonly unitMass: boolean;
  /** ZL-3: `z·lse`, whose double is added to `W` in the gradient (ZL-6); absent without z-loss. */
  readonly zLse?: T | undefined;
  /**
   * Every `a_c` as parts whose sum is exact, formed when asked for (exactCoefficients.ts):
   * offered by an arithmetic with `twoProduct` for `every class's term` (`only < 0`).
   */
  readonly exactParts?: () => readonly (readonly T[])[];
}

/**
 * Softmax CE on one row, prepared once by `row` into the kernel's own form `R` (shifted,
 * exponentiated, capped). Rows with NaN, and uncapped rows with `+∞` or nothing above `−∞`
 * (CE-2.2, CAP-3), never get here.
 */
export interface SoftmaxKernel<T, R = unknown> {
  /**
   * One position's row: the case's logits (doubles), or logits the implementation formed itself
   * (linear CE, LCE-2, from `linear.logit`), capped by `c·tanh(x/c)` when `cap` is set (CAP-1).
   */
  row(x: Float64Array | readonly T[], cap: number | undefined): R;
  /** CE-2.1 on the (capped) row, one value per class. */
  logSoftmax(row: R): T[];
  /** LSE-1. */
  lse(row: R): T;
  /** CE-3.3, CE-4.2, LS-2. */
  loss(row: R, coef: RowCoefficients<T>): T;
  /** GRAD-1/GRAD-2 (ZL-3 with `zLse`) with respect to the capped logits, before the reduction's scale. */
  grad(row: R, coef: RowCoefficients<T>): T[];
  /** CAP-2: `1 − tanh²(x_j/c)` for every class (called only on capped rows). */
  capSlope(row: R): T[];
}

/**
 * One row's gradient with respect to its logits in parts (GRAD-1, ZL-3, CAP-2, UP-2):
 * `g_j = factor·slope_j·((W + 2·zLse)·p_j − a_j)`, `row` the softmax kernel's own row.
 */
export interface LinearRowParts<T> {
  readonly row: unknown;
  readonly terms: RowCoefficients<T>;
  /** The reduction's scale times the row's upstream gradient. */
  readonly factor: T;
}

/** LCE-3's products, from every row's gradient `g` (its parts where it is not 0). */
export interface LinearGradientInput<T> {
  readonly g: readonly (readonly T[])[];
  readonly parts: readonly (LinearRowParts<T> | undefined)[];
}

/** LCE-2, LCE-3: how the implementation forms the logits of linear CE and the products of its gradients. */
export interface LinearKernel<T> {
  /** `b + Σ_k h[hAt + k]·w[wAt + k]` for k < d. */
  logit(h: Float64Array, hAt: number, w: Float64Array, wAt: number, d: number, b: number): T;
  /**
   * `grad = G·W`, `gradWeight = Gᵀ·h`, `gradBias = Σ_n G[n, :]` (those the case asks for);
   * absent: the products of `g` summed with the kernels' `sum`.
   */
  gradients?(c: ValidCase, input: LinearGradientInput<T>): LinearGradients<T>;
}

export interface LinearGradients<T> {
  grad?: T[] | undefined;
  gradWeight?: T[] | undefined;
  gradBias?: T[] | undefined;
}

export interface BinaryKernel<T> {
  /** `log(p + e)`: the first logarithm of BCE-1..3 (`e = 0` outside BCE-3). */
  logPlus(p: number, e: number): T;
  /** `log(1 − p + e)`: the second logarithm of BCE-1..3. */
  logOneMinusPlus(p: number, e: number): T;
  /** BCEL-1 without `w`, finite `x`; the target `y` and its complement `1 − y` as the driver formed them. */
  bcelLoss(x: number, y: T, complement: T, posWeight: number): T;
  /** GRAD-7 without `w`, finite `x`. */
  bcelGrad(x: number, y: T, complement: T, posWeight: number): T;
}

export interface LossKernels<T> {
  /** Every operation of the drivers goes through it. */
  readonly arith: Arith<T>;
  /** How the implementation sums (reductions, mean denominators, `W`). */
  readonly sum: (values: readonly T[]) => T;
  /** `Σ values / d` for `mean` (RED-3). */
  readonly mean: (values: readonly T[], d: T) => T;
  readonly softmax: SoftmaxKernel<T>;
  readonly binary: BinaryKernel<T>;
  readonly linear: LinearKernel<T>;
}
