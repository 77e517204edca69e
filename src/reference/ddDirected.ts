/**
 * + − × on double-doubles rounded toward −∞ or +∞, with exactness reported honestly
 * (spec/reference-engine.md#REF-12.2, REF-12.3).
 *
 * Sums and products are first written as an exact expansion: TwoSum and TwoProduct split every
 * partial sum and product into a rounded value and its exact error. The expansion is then summed
 * into a double-double, and every rounding of that summation is itself captured by TwoSum; a
 * nonzero rounding error moves the result one step in the direction (`bump`) or is already beyond
 * in it. So the result is a bound, and it is the exact value exactly when every captured error is
 * zero (`exact`); otherwise it is strictly beyond, as an open end requires (REF-1.3).
 * Where an error-free transformation could overflow or underflow, the exact rational path
 * (ddExact.ts) takes over. Quotients are in ddDivide.ts.
 */
import type { Direction, Rounded } from './endpoints.js';
import { roundRational, toRational } from './ddExact.js';
import { ZERO, bump, negate, productError, sumError, twoProd, type DD } from './doubleDouble.js';
import { addRational, mulRational, type Rational } from './exactRational.js';

/** Operands below this magnitude cannot make any TwoSum of the expansion overflow. */
const SUM_LIMIT = 2 ** 1021;
/** Products and factors within these limits split exactly (twoProd's preconditions). */
const PRODUCT_MIN = 2 ** -850;
const PRODUCT_MAX = 2 ** 1020;
const FACTOR_MAX = 2 ** 995;
const PART_MIN = 2 ** -960;
/** Strictly above any partial product too small to split while the main product is ≥ 2^−850. */
const TINY_PART = 2 ** -959;

const terms = new Float64Array(8);

/**
 * Σ terms[0..n) rounded in the direction. (s, e) carries the sum as TwoSum leaves it; the error
 * of each addition into e is accumulated in `residual` with directed rounding, and the residual
 * joins e once, again directed. The result is normalized by a last, exact TwoSum. The loop uses
 * sumError rather than twoSum: objects made in a loop are not optimized away.
 */
function sumDirected(n: number, direction: Direction): Rounded<DD> {
  let s = terms[0]!;
  let e = 0;
  let residual = 0;
  let exact = true;
  for (let i = 1; i < n; i++) {
    const x = terms[i]!;
    if (x === 0) continue;
    const sum = s + x;
    const q = sumError(s, x, sum);
    const low = e + q;
    const q2 = sumError(e, q, low);
    s = sum;
    e = low;
    if (q2 === 0) continue;
    const r = residual + q2;
    const rError = sumError(residual, q2, r);
    residual = rError * direction > 0 ? bump(r, direction) : r;
    exact &&= rError === 0;
  }
  const low = e + residual;
  const lowError = sumError(e, residual, low);
  exact &&= lowError === 0;
  return { value: normalized(s, lowError * direction > 0 ? bump(low, direction) : low), exact };
}

/**
 * h + l as a normalized pair (one exact TwoSum). Never infinite: the operands are bounded below
 * 2^1021 (sums), the eight terms of a product below 2^1020, a widened quotient below 2^991 and
 * the exp polynomial's q below 2.
 */
function normalized(a: number, b: number): DD {
  const h = a + b;
  return h === 0 ? ZERO : { h, l: sumError(a, b, h) };
}

export function viaRationals(
  a: DD,
  b: DD,
  op: (x: Rational, y: Rational) => Rational,
  direction: Direction,
): Rounded<DD> {
  return roundRational(op(toRational(a), toRational(b)), direction);
}

/** IEEE's result on the leading parts when one is infinite (or NaN), exact as in MPFR. */
export function nonFinite(h: number): Rounded<DD> {
  return { value: { h, l: 0 }, exact: true };
}

/**
 * a + b = s2 + e3 + g + f exactly after four TwoSums (the classic accurate double-double sum with
 * every rounding captured); g + f joins e3 in the direction, then e3 joins s2 exactly.
 */
export function addDirected(a: DD, b: DD, direction: Direction): Rounded<DD> {
  if (!(Math.abs(a.h) < SUM_LIMIT && Math.abs(b.h) < SUM_LIMIT)) {
    if (!Number.isFinite(a.h) || !Number.isFinite(b.h)) return nonFinite(a.h + b.h);
    return viaRationals(a, b, addRational, direction);
  }
  const s1 = a.h + b.h;
  const e1 = sumError(a.h, b.h, s1);
  const t = a.l + b.l;
  const f = sumError(a.l, b.l, t);
  const e2 = e1 + t;
  const g = sumError(e1, t, e2);
  const s2 = s1 + e2;
  const e3 = sumError(s1, e2, s2);
  const r = g + f;
  const rError = sumError(g, f, r);
  const tail = rError * direction > 0 ? bump(r, direction) : r;
  const e4 = e3 + tail;
  const e4Error = sumError(e3, tail, e4);
  return {
    value: normalized(s2, e4Error * direction > 0 ? bump(e4, direction) : e4),
    exact: rError === 0 && e4Error === 0,
  };
}

/**
 * q + direction·w for a double w ≥ 0, rounded in the direction: the widening of an approximation
 * by its error bound (never exact; the bound is strict where it is used).
 */
export function offsetDirected(q: DD, w: number, direction: Direction): DD {
  const x = direction * w;
  const l = q.l + x;
  const error = sumError(q.l, x, l);
  return normalized(q.h, error * direction > 0 ? bump(l, direction) : l);
}

export function subDirected(a: DD, b: DD, direction: Direction): Rounded<DD> {
  return addDirected(a, negate(b), direction);
}

/**
 * Writes x·y exactly at terms[n], terms[n + 1] (Dekker's TwoProduct), or, when the product is too small to split exactly, a bound beyond it in the direction
 * (then returns false: the sum is not exact).
 */
function splitInto(x: number, y: number, n: number, direction: Direction): boolean {
  const p = x * y;
  if (x === 0 || y === 0 || Math.abs(p) < PART_MIN) {
    terms[n] = p === 0 && (x === 0 || y === 0) ? 0 : direction * TINY_PART;
    terms[n + 1] = 0;
    return terms[n] === 0;
  }
  terms[n] = p;
  terms[n + 1] = productError(x, y, p);
  return true;
}

/** (ah + al)(bh + bl) as eight exact terms, summed in the direction. */
export function mulDirected(a: DD, b: DD, direction: Direction): Rounded<DD> {
  const p = Math.abs(a.h * b.h);
  if (!(p >= PRODUCT_MIN && p <= PRODUCT_MAX && Math.abs(a.h) < FACTOR_MAX && Math.abs(b.h) < FACTOR_MAX)) {
    if (!Number.isFinite(a.h) || !Number.isFinite(b.h)) return nonFinite(a.h * b.h);
    if (a.h === 0 || b.h === 0) return { value: ZERO, exact: true };
    return viaRationals(a, b, mulRational, direction);
  }
  if (a.l === 0 && b.l === 0) return { value: twoProd(a.h, b.h), exact: true };
  splitInto(a.h, b.h, 0, direction);
  const splitHighLow = splitInto(a.h, b.l, 2, direction);
  const splitLowHigh = splitInto(a.l, b.h, 4, direction);
  const splitLowLow = splitInto(a.l, b.l, 6, direction);
  const sum = sumDirected(8, direction);
  return splitHighLow && splitLowHigh && splitLowLow ? sum : { value: sum.value, exact: false };
}
