/**
 * The `accurate` algorithm's proven error bound (spec/tolerance.md#TOL-ACC), in ULPs of the dtype.
 */
import type { Dtype, LossName, OutputName } from '../case/types.js';
import { ulpOf } from '../numeric/ulp.js';

/** β of TOL-ACC: the relative budget, in units of 2^-53, of each output of each loss. */
const NONE = { logProb: 0, lse: 0, gradWeight: 0, gradBias: 0 } as const;

export const ACCURATE_BETA: Readonly<Record<LossName, Readonly<Record<OutputName, number>>>> = {
  softmax_cross_entropy: { ...NONE, loss: 32, logProb: 16, grad: 40, lse: 16 },
  binary_cross_entropy_with_logits: { ...NONE, loss: 16, grad: 16 },
  binary_cross_entropy: { ...NONE, loss: 16, grad: 16 },
  negative_log_likelihood: { ...NONE, loss: 8, grad: 4 },
  linear_cross_entropy: { ...NONE, loss: 32, grad: 48, lse: 16, gradWeight: 48, gradBias: 48 },
};

const U64 = 2 ** -53;
const SMALLEST_SUBNORMAL = 2 ** -1074;

export interface BoundInput {
  readonly dtype: Dtype;
  readonly loss: LossName;
  readonly output: OutputName;
  /** The exact value y (a double approximation is enough; ±∞ beyond the double range). */
  readonly exact: number;
  /** M of TOL-ACC: the sum of the absolute values of the terms forming y. */
  readonly magnitude: number;
  /** z of TOL-ACC: binary64 gradual underflow, in units of 2^-1074, as the analysis propagates it. */
  readonly underflow: number;
}

/** TOL-ACC's β·u·M + η (η = z·2^-1074) in units of `unit`, divided first so η does not underflow. */
function boundIn(b: BoundInput, unit: number): number {
  return ACCURATE_BETA[b.loss][b.output] * U64 * (b.magnitude / unit) + b.underflow * (SMALLEST_SUBNORMAL / unit);
}

/**
 * TOL-ACC's β·u·M + η: the absolute error before the final rounding into the dtype; infinite
 * where the binary64 estimates of M or z overflow (a weight of 0 times an overflowed z is NaN).
 */
export function accurateAbsoluteBound(b: BoundInput): number {
  const bound = boundIn(b, 1);
  return Number.isNaN(bound) ? Infinity : bound;
}

/**
 * The largest ULP distance TOL-ACC allows between `accurate` and RN(y). A NaN or infinite y
 * (beyond binary64, so beyond every dtype) must be met exactly: 0 (TOL-LEVEL.2). Where the
 * binary64 estimates of M or z overflow, the bound is infinite (as TOL-LEVEL.5's).
 */
export function accurateUlpBound(b: BoundInput): number {
  if (!Number.isFinite(b.exact)) return 0;
  const bound = Math.ceil(boundIn(b, ulpOf(b.exact, b.dtype))) + 1;
  return Number.isNaN(bound) ? Infinity : bound;
}
