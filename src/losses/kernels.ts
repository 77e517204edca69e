/**
 * What one implementation contributes: its arithmetic, its summation, and its numeric kernels.
 * The semantic drivers (softmaxDriver.ts, binaryDriver.ts) apply spec/losses.md and the profile
 * around them, so semantics are written once and numerics once per implementation.
 * `T` is the implementation's number type: a double, or an enclosure for the reference.
 */
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
}

/** Softmax CE on one row whose maximum is finite and which holds no NaN (CE-2.2 rows never get here). */
export interface SoftmaxKernel<T> {
  /** CE-2.1, one value per class. */
  logSoftmax(x: Float64Array): T[];
  /** CE-3.3, CE-4.2, LS-2. */
  loss(x: Float64Array, coef: RowCoefficients<T>): T;
  /** GRAD-1/GRAD-2 before the reduction's scale, one value per class. */
  grad(x: Float64Array, coef: RowCoefficients<T>): T[];
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
}
