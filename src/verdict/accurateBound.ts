/**
 * The `accurate` algorithm's proven error bound (spec/tolerance.md#TOL-ACC), in ULPs of the dtype.
 */
import type { Dtype, LossName, OutputName } from '../case/types.js';
import { FORMATS } from '../numeric/dtype.js';
import { ulpOf } from '../numeric/ulp.js';

/** β of TOL-ACC: the relative budget, in units of 2^-53, of each output of each loss. */
export const ACCURATE_BETA: Readonly<Record<LossName, Readonly<Record<OutputName, number>>>> = {
  softmax_cross_entropy: { loss: 32, logProb: 16, grad: 40 },
  binary_cross_entropy_with_logits: { loss: 16, logProb: 0, grad: 16 },
  binary_cross_entropy: { loss: 16, logProb: 0, grad: 16 },
  negative_log_likelihood: { loss: 8, logProb: 0, grad: 4 },
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
  /** n of TOL-ACC: the exponentials per row (the class count; 1 for the binary losses). */
  readonly rowLength: number;
}

/** The largest ULP distance TOL-ACC allows between `accurate` and RN(y). NaN expected: 0. */
export function accurateUlpBound(b: BoundInput): number {
  if (Number.isNaN(b.exact)) return 0;
  const fmt = FORMATS[b.dtype];
  const spacing = Number.isFinite(b.exact) ? ulpOf(b.exact, b.dtype) : ulpOf(fmt.maxFinite, b.dtype);
  const absolute = ACCURATE_BETA[b.loss][b.output] * U64 * b.magnitude + b.rowLength * SMALLEST_SUBNORMAL;
  return Math.ceil(absolute / spacing) + 1;
}
