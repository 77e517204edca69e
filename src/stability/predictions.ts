/**
 * What the analysis of each form predicts for the thresholds (spec/stability.md#PRED-1..4),
 * with the terms the analysis neglects bounded (`slack`), so that a located threshold can be
 * compared with a prediction under spec/tolerance.md#TOL-THR.
 */
import type { Dtype } from '../case/types.js';
import { FORMATS } from '../numeric/dtype.js';
import { ulpOf } from '../numeric/ulp.js';

export interface Prediction {
  /** The sweep value where the threshold is predicted. */
  readonly threshold: number;
  /** A bound on what the prediction neglects, in units of the sweep value. */
  readonly slack: number;
  readonly clause: string;
}

/**
 * `Math.exp` is faithful (DT-4): a relative error of 2^-52 moves a cut-off of `exp` by 2^-52 in
 * its argument, and V8's cut-offs to 0 and ∞ lie within one binary64 ulp of the exact ones.
 */
function expCutoffSlack(threshold: number): number {
  return 2 ** -52 + ulpOf(threshold, 'float64');
}

/** ln Ω, where Ω = max + ulp(max)/2 is the least value that rounds to +∞ in the dtype (DT-3). */
export function logOverflow(dtype: Dtype): number {
  const { emax, precision } = FORMATS[dtype];
  return emax * Math.LN2 + Math.log(2 - 2 ** -precision);
}

/** −ln(minSubnormal/2): exp of a smaller argument rounds to 0 in the dtype (DT-3). */
export function logUnderflow(dtype: Dtype): number {
  return (1 - Math.log2(FORMATS[dtype].minSubnormal)) * Math.LN2;
}

/**
 * PRED-1: `naive` on `scale` rows (SWP-2) of `classes` classes, `ties` of them at the maximum:
 * the sum of the unshifted exponentials overflows once `ties·e^x` reaches Ω, at
 * `x = ln Ω − ln ties`. Neglected: the other classes (each at most e^{x/2}), the rounding of
 * the exponentials and of the recursive sum (at most `classes` roundings of u_d).
 */
export function naiveScaleOverflow(dtype: Dtype, classes: number, ties: number): Prediction {
  const threshold = logOverflow(dtype) - Math.log(ties);
  const u = FORMATS[dtype].unitRoundoff;
  const others = ((classes - ties) * Math.exp(-threshold / 2) * (1 + u)) / ties;
  return {
    threshold,
    slack: Math.log1p(others) + (classes + 1) * u + expCutoffSlack(threshold),
    clause: 'PRED-1',
  };
}

/**
 * PRED-2: `naive` on `gap` rows (SWP-3): the target's probability is its own exponential (the
 * row's sum rounds to 1 long before), which rounds to 0 — and its log to −∞ — once the gap
 * reaches −ln(minSubnormal/2).
 */
export function naiveGapUnderflow(dtype: Dtype): Prediction {
  const threshold = logUnderflow(dtype);
  return { threshold, slack: expCutoffSlack(threshold), clause: 'PRED-2' };
}

/**
 * PRED-3: `naive` BCE with logits (SWP-7): σ(x) = 1/(1 + e^−x) rounds to 1 once e^−x ≤ u_d,
 * i.e. from x = p·ln 2, and then `log(1 − σ)` is −∞: `0·(−∞)` is NaN for the target 1, ∞ for
 * the others. Neglected: the rounding of e^−x (relative u_d, so u_d in x).
 */
export function naiveSigmoidSaturation(dtype: Dtype): Prediction {
  const { precision, unitRoundoff } = FORMATS[dtype];
  const threshold = precision * Math.LN2;
  return { threshold, slack: unitRoundoff + expCutoffSlack(threshold), clause: 'PRED-3' };
}
