/**
 * a/b on double-doubles rounded toward −∞ or +∞ (spec/reference-engine.md#REF-12.2): an
 * approximation with a proven error bound, widened by more than that bound, so a quotient is
 * reported inexact (strictly beyond) unless it is one of the exact cases checked first.
 *
 * Bound, u = 2^−53, with |al| ≤ u|ah|, |bl| ≤ u|bh|: q1 = RN(ah/bh); p + e = q1·bh exactly
 * (TwoProduct), so ah − p is exact (Sterbenz) and the remainder a − q1·b = (ah − p) − e + al − q1·bl
 * has four roundings, on terms of size u|ah|, 2u|ah|, u|ah| and 3u|ah|: 7.0007u²|ah| in all, with
 * |a − q1·b| ≤ 3.0001u|ah|. Then q2 = RN(rem/bh) differs from (a − q1·b)/b by at most
 * 7.0007u²|ah/bh| + 3.0001u²|ah/b| (bh for b) + 3.0002u²|ah/bh| (the rounding), so
 * |q1 + q2 − a/b| ≤ 13.01u²|a/b|; the widening by |qh|·2^−102 ≥ 15.99u²|a/b| is strictly larger.
 */
import type { Direction, Rounded } from './endpoints.js';
import { nonFinite, offsetDirected, viaRationals } from './ddDirected.js';
import { ZERO, productError, twoSum, type DD } from './doubleDouble.js';
import { divRational } from './exactRational.js';

/**
 * Operands and quotients within these magnitudes keep every step above the subnormal range and
 * every TwoProduct's split below overflow (2^995).
 */
const OPERAND_MIN = 2 ** -850;
const OPERAND_MAX = 2 ** 990;
const QUOTIENT_MIN = 2 ** -840;
const QUOTIENT_MAX = 2 ** 990;
/** Low parts below this are not checked for an exact quotient (TwoProduct could underflow). */
const LOW_CHECK_MIN = 2 ** -900;
/** 16u²: the widening relative to the approximation. */
const WIDENING = 2 ** -102;

function inRange(x: number, min: number, max: number): boolean {
  const size = Math.abs(x);
  return size >= min && size <= max;
}

/** x/d when it is exact (a double divisor d): x = q·d with no error, checked by TwoProduct. */
function exactQuotient(x: number, d: number): number | undefined {
  const q = x / d;
  const p = q * d;
  return p === x && productError(q, d, p) === 0 ? q : undefined;
}

/** a/b exactly, for a double divisor that divides both parts exactly (a power of two, say). */
function exactDivision(a: DD, b: DD): DD | undefined {
  if (b.l !== 0 || (a.l !== 0 && Math.abs(a.l) < LOW_CHECK_MIN)) return undefined;
  const high = exactQuotient(a.h, b.h);
  const low = a.l === 0 ? 0 : exactQuotient(a.l, b.h);
  return high === undefined || low === undefined ? undefined : twoSum(high, low);
}

/** q1 + RN(rem/bh): within 13.01u²|a/b| (file comment). */
function approximateQuotient(a: DD, b: DD): DD {
  const q1 = a.h / b.h;
  const p = q1 * b.h;
  const remainder = a.h - p - productError(q1, b.h, p) + a.l - q1 * b.l;
  return twoSum(q1, remainder / b.h);
}

export function divDirected(a: DD, b: DD, direction: Direction): Rounded<DD> {
  if (!Number.isFinite(a.h) || !Number.isFinite(b.h) || b.h === 0) return nonFinite(a.h / b.h);
  if (a.h === 0) return { value: ZERO, exact: true };
  const safe =
    inRange(a.h, OPERAND_MIN, OPERAND_MAX) &&
    inRange(b.h, OPERAND_MIN, OPERAND_MAX) &&
    inRange(a.h / b.h, QUOTIENT_MIN, QUOTIENT_MAX);
  if (!safe) return viaRationals(a, b, divRational, direction);
  const exact = exactDivision(a, b);
  if (exact !== undefined) return { value: exact, exact: true };
  const q = approximateQuotient(a, b);
  return { value: offsetDirected(q, Math.abs(q.h) * WIDENING, direction), exact: false };
}
