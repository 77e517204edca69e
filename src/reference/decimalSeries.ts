/**
 * log1p for small arguments in decimal.js, which has no log1p (spec/reference-engine.md#REF-4):
 * the Taylor series with every term rounded outward and a rigorous bound on the tail, so that
 * log1p(1e−300) keeps its full relative precision at any working precision.
 */
import type { Decimal } from 'decimal.js';
import type { Enclosure } from './endpoints.js';

/** Decimal constructors rounding toward −∞ and toward +∞ at the same precision. */
export interface DirectedDecimals {
  readonly down: Decimal.Constructor;
  readonly up: Decimal.Constructor;
}

/**
 * Terms needed so that the tail |x|^(n+1)/(n+1) is below 10^−(digits+2)·|x|: with
 * |x| < 10^(e+1), each term gains at least −(e+1) digits.
 */
function termCount(x: Decimal, digits: number): number {
  const digitsPerTerm = Math.max(1, -(x.e + 1));
  return Math.ceil((digits + 2) / digitsPerTerm) + 1;
}

/**
 * An enclosure of ln(1 + x) for an exact x with 0 < |x| ≤ 1/2.
 *
 * ln(1 + x) = Σ_{k≥1} (−1)^(k+1) x^k / k. With a = |x|, term k has magnitude a^k/k, bounded
 * below and above by rounding the powers and quotients down and up; the sum of the first n terms
 * is accumulated in both directions. The tail after n terms has magnitude at most
 * a^(n+1) / ((n+1)(1 − a)) (a geometric bound, valid for both signs of x); its sign is that of
 * term n+1 when x > 0 (alternating series with decreasing terms), and negative when x < 0. The
 * tail is nonzero, so the value is strictly inside both ends.
 */
export function log1pSeries(x: Decimal, { down, up }: DirectedDecimals, digits: number): Enclosure<Decimal> {
  const a = x.abs();
  const alternating = x.isPositive();
  const terms = termCount(x, digits);
  let [powerLo, powerHi] = [a, a];
  let [sumLo, sumHi] = [x, x];
  for (let k = 2; k <= terms; k++) {
    powerLo = down.mul(powerLo, a);
    powerHi = up.mul(powerHi, a);
    const [termLo, termHi] = [down.div(powerLo, k), up.div(powerHi, k)];
    const positive = alternating && k % 2 === 1;
    sumLo = positive ? down.add(sumLo, termLo) : down.sub(sumLo, termHi);
    sumHi = positive ? up.add(sumHi, termHi) : up.sub(sumHi, termLo);
  }
  const tail = up.div(up.mul(powerHi, a), down.mul(terms + 1, down.sub(1, a)));
  const tailPositive = alternating && (terms + 1) % 2 === 1;
  const [lo, hi] = tailPositive ? [sumLo, up.add(sumHi, tail)] : [down.sub(sumLo, tail), sumHi];
  return { lo, hi, loOpen: true, hiOpen: true };
}
