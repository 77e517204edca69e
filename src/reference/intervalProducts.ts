/**
 * Products and quotients of enclosures (spec/reference-engine.md#REF-3). Operands are reduced by
 * exact negation to nonnegative or mixed ones; the bounds are products of ends, and an end is
 * open when its rounding was inexact or when an open operand end strictly moves it (derivations
 * inline: each writes the gap between the true value and the bound as a sum of nonnegative terms).
 */
import { NeedMorePrecision } from './arithmetic.js';
import { DOWN, UP, type Enclosure, type EndpointArithmetic } from './endpoints.js';

type Ends<E> = EndpointArithmetic<E>;

/** The value is certainly > 0. */
export function positive<E>(ends: Ends<E>, a: Enclosure<E>): boolean {
  const low = ends.sign(a.lo);
  return low > 0 || (low === 0 && a.loOpen);
}

/** The value is certainly < 0. */
export function negative<E>(ends: Ends<E>, a: Enclosure<E>): boolean {
  const high = ends.sign(a.hi);
  return high < 0 || (high === 0 && a.hiOpen);
}

export function negate<E>(ends: Ends<E>, a: Enclosure<E>): Enclosure<E> {
  const lo = ends.neg(a.hi);
  return { lo, hi: a.lo === a.hi ? lo : ends.neg(a.lo), loOpen: a.hiOpen, hiOpen: a.loOpen };
}

/** 1: every point ≥ 0; −1: every point ≤ 0; 0: the enclosure straddles 0. */
function side<E>(ends: Ends<E>, a: Enclosure<E>): -1 | 0 | 1 {
  if (ends.sign(a.lo) >= 0) return 1;
  return ends.sign(a.hi) <= 0 ? -1 : 0;
}

/**
 * a, b ≥ 0: ab − a.lo·b.lo = (a − a.lo)b + a.lo(b − b.lo) = a(b − b.lo) + b.lo(a − a.lo), and
 * a.hi·b.hi − ab = (a.hi − a)b + a.hi(b.hi − b).
 */
function multiplyNonnegative<E>(ends: Ends<E>, a: Enclosure<E>, b: Enclosure<E>): Enclosure<E> {
  const lo = ends.mul(a.lo, b.lo, DOWN);
  const hi = ends.mul(a.hi, b.hi, UP);
  return {
    lo: lo.value,
    hi: hi.value,
    loOpen: !lo.exact || (a.loOpen && positive(ends, b)) || (b.loOpen && positive(ends, a)),
    hiOpen: !hi.exact || (a.hiOpen && positive(ends, b)) || (b.hiOpen && ends.sign(a.hi) > 0),
  };
}

/**
 * m straddles 0, p ≥ 0: mp ∈ [m.lo·p.hi, m.hi·p.hi];
 * mp − m.lo·p.hi = (m − m.lo)p − m.lo(p.hi − p); m.hi·p.hi − mp = m.hi(p.hi − p) + (m.hi − m)p.
 */
function multiplyStraddling<E>(ends: Ends<E>, m: Enclosure<E>, p: Enclosure<E>): Enclosure<E> {
  const lo = ends.mul(m.lo, p.hi, DOWN);
  const hi = ends.mul(m.hi, p.hi, UP);
  return {
    lo: lo.value,
    hi: hi.value,
    loOpen: !lo.exact || (m.loOpen && positive(ends, p)) || p.hiOpen,
    hiOpen: !hi.exact || (m.hiOpen && positive(ends, p)) || p.hiOpen,
  };
}

/** Both straddle 0: the extreme corner products; ends kept closed (always a safe claim). */
function multiplyBothStraddling<E>(ends: Ends<E>, a: Enclosure<E>, b: Enclosure<E>): Enclosure<E> {
  const [lo1, lo2] = [ends.mul(a.lo, b.hi, DOWN).value, ends.mul(a.hi, b.lo, DOWN).value];
  const [hi1, hi2] = [ends.mul(a.lo, b.lo, UP).value, ends.mul(a.hi, b.hi, UP).value];
  const lo = ends.compare(lo1, lo2) <= 0 ? lo1 : lo2;
  return { lo, hi: ends.compare(hi1, hi2) >= 0 ? hi1 : hi2, loOpen: false, hiOpen: false };
}

export function multiply<E>(ends: Ends<E>, a: Enclosure<E>, b: Enclosure<E>): Enclosure<E> {
  const [sideA, sideB] = [side(ends, a), side(ends, b)];
  if (sideA < 0) return negate(ends, multiply(ends, negate(ends, a), b));
  if (sideB < 0) return negate(ends, multiply(ends, a, negate(ends, b)));
  if (sideA > 0 && sideB > 0) return multiplyNonnegative(ends, a, b);
  if (sideA > 0) return multiplyStraddling(ends, b, a);
  if (sideB > 0) return multiplyStraddling(ends, a, b);
  return multiplyBothStraddling(ends, a, b);
}

/**
 * b with b.lo > 0, q = a/b. a ≥ 0: q − a.lo/b.hi = (a − a.lo)/b + a.lo(1/b − 1/b.hi) and
 * a.hi/b.lo − q = (a.hi − a)/b.lo + a(1/b.lo − 1/b). a ≤ 0 (so a.lo < 0): q − a.lo/b.lo =
 * (a − a.lo)/b − a.lo(1/b.lo − 1/b) and a.hi/b.hi − q = (a.hi − a)/b.hi − a(1/b − 1/b.hi).
 * a straddling 0: the lower end as for a ≤ 0, and a.hi/b.lo − q = (a.hi − a)/b + a.hi(1/b.lo − 1/b).
 */
function divideByPositive<E>(ends: Ends<E>, a: Enclosure<E>, b: Enclosure<E>): Enclosure<E> {
  const sideA = side(ends, a);
  const lo = ends.div(a.lo, sideA > 0 ? b.hi : b.lo, DOWN);
  const hi = ends.div(a.hi, sideA < 0 ? b.hi : b.lo, UP);
  const loMoves = sideA > 0 ? ends.sign(a.lo) > 0 && b.hiOpen : b.loOpen;
  const hiMoves = sideA > 0 ? positive(ends, a) && b.loOpen : sideA < 0 ? negative(ends, a) && b.hiOpen : b.loOpen;
  return {
    lo: lo.value,
    hi: hi.value,
    loOpen: !lo.exact || a.loOpen || loMoves,
    hiOpen: !hi.exact || a.hiOpen || hiMoves,
  };
}

/** a/b for b certainly nonzero and bounded away from 0 by its closer end. */
export function divide<E>(ends: Ends<E>, a: Enclosure<E>, b: Enclosure<E>): Enclosure<E> {
  if (ends.sign(b.lo) > 0) return divideByPositive(ends, a, b);
  if (ends.sign(b.hi) < 0) return negate(ends, divideByPositive(ends, a, negate(ends, b)));
  if (ends.sign(b.lo) === 0 && ends.sign(b.hi) === 0) throw new RangeError('div: division by an exact zero');
  throw new NeedMorePrecision('the sign of a divisor');
}
