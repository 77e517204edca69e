/**
 * Logarithms and softplus without cancellation (spec/tolerance.md#TOL-ACC).
 */
import { twoSum, type Expansion } from './eft.js';

/**
 * log(hi + lo) for a double-double argument: near 1 through log1p of the exact difference from
 * 1 (Sterbenz makes hi − 1 exact on [0.5, 2]), elsewhere log(hi) corrected by lo/hi.
 */
export function logOfExpansion({ hi, lo }: Expansion): number {
  if (!(hi > 0) || !Number.isFinite(hi)) return Math.log(hi);
  if (hi >= 0.5 && hi <= 2) return Math.log1p(hi - 1 + lo);
  return Math.log(hi) + lo / hi;
}

/** log(a + b) with the sum held exactly. */
export function logOfSum(a: number, b: number): number {
  return logOfExpansion(twoSum(a, b));
}

/** log(1 − p + e) with 1 − p held exactly and e added with its error kept. */
export function logOfOneMinusPlus(p: number, e: number): number {
  const oneMinusP = twoSum(1, -p);
  const withE = twoSum(oneMinusP.hi, e);
  return logOfExpansion({ hi: withE.hi, lo: withE.lo + oneMinusP.lo });
}

/** softplus(z) = log(1 + e^z) as two non-negative terms: max(z, 0) + log1p(e^{−|z|}). */
export function softplus(z: number): number {
  const tail = Math.log1p(Math.exp(-Math.abs(z)));
  return z > 0 ? z + tail : tail;
}
