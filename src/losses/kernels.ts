/**
 * What one implementation contributes: its working precision, its summation, and its numeric
 * kernels. The semantic drivers (softmaxDriver.ts, binaryDriver.ts) apply spec/losses.md and the
 * profile around them, so semantics are written once and numerics once per implementation.
 */
import type { Rounding } from '../numeric/sum.js';

/**
 * One position's softmax CE as coefficients: `ℓ = −Σ_{c∈A} a_c·lp_c` and
 * `∂ℓ/∂x_c = W·p_c − a_c` (GRAD-1, GRAD-2).
 */
export interface RowCoefficients {
  /** `a_c` for every class; entries outside A are unused. */
  readonly a: Float64Array;
  /** The one class in A (CE-3.3), or −1 when every class's term exists (CE-4.2, LS-2). */
  readonly only: number;
  /** `W`: Σ_{c∈A} a_c, or 1 under PRO-8 `unit`. */
  readonly mass: number;
  /** PRO-8 `unit`: `W` is 1, not the coefficients' sum. */
  readonly unitMass: boolean;
}

/** Softmax CE on one row whose maximum is finite and which holds no NaN (CE-2.2 rows never get here). */
export interface SoftmaxKernel {
  /** CE-2.1 into `out`. */
  logSoftmax(x: Float64Array, out: Float64Array): void;
  /** CE-3.3, CE-4.2, LS-2. */
  loss(x: Float64Array, coef: RowCoefficients): number;
  /** GRAD-1/GRAD-2 before the reduction's scale, into `out`. */
  grad(x: Float64Array, coef: RowCoefficients, out: Float64Array): void;
}

export interface BinaryKernel {
  /** `log(p + e)`: the first logarithm of BCE-1..3 (`e = 0` outside BCE-3). */
  logPlus(p: number, e: number): number;
  /** `log(1 − p + e)`: the second logarithm of BCE-1..3. */
  logOneMinusPlus(p: number, e: number): number;
  /** BCEL-1 without `w`, finite `x`. */
  bcelLoss(x: number, y: number, posWeight: number): number;
  /** GRAD-7 without `w`, finite `x`. */
  bcelGrad(x: number, y: number, posWeight: number): number;
}

export interface LossKernels {
  /** The working precision: every operation of the drivers is rounded with it. */
  readonly round: Rounding;
  /** How the implementation sums (reductions, mean denominators, `W`). */
  readonly sum: (values: ArrayLike<number>) => number;
  /** `Σ values / d` for `mean` (RED-3). */
  readonly mean: (values: ArrayLike<number>, d: number) => number;
  readonly softmax: SoftmaxKernel;
  readonly binary: BinaryKernel;
}
