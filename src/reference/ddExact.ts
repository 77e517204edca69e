/**
 * The exact bridge between double-doubles and rationals (spec/reference-engine.md#REF-12.2,
 * REF-12.3): a double-double is exactly a dyadic rational, and any rational is rounded into a
 * double-double in a direction with BigInt arithmetic, overflow and the subnormal range
 * included. This is the slow path of every operation whose error-free transformations could
 * overflow or underflow, and the source of every constant (ddConstants.ts).
 */
import { DOWN, UP, type Direction, type Rounded } from './endpoints.js';
import { addRational, rationalOfDouble, type Rational } from './exactRational.js';
import { ZERO, type DD } from './doubleDouble.js';

const MAX_DOUBLE = Number.MAX_VALUE;

/** The exact value h + l. */
export function toRational(a: DD): Rational {
  return addRational(rationalOfDouble(a.h), rationalOfDouble(a.l));
}

export function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** floor(log2(num/den)) for positive bigints, exactly. */
function floorLog2(num: bigint, den: bigint): number {
  const guess = bitLength(num) - bitLength(den);
  const atLeast = guess >= 0 ? num >= den << BigInt(guess) : num << BigInt(-guess) >= den;
  return atLeast ? guess : guess - 1;
}

/** |v| ≥ 2^1024: MAX toward zero, ∞ away from it; never exact. */
function overflow(negative: boolean, away: boolean): Rounded<DD> {
  const magnitude = away ? Infinity : MAX_DOUBLE;
  return { value: { h: negative ? -magnitude : magnitude, l: 0 }, exact: false };
}

/**
 * The rational rounded into a normalized double-double toward −∞ (DOWN) or +∞ (UP) (REF-12.3).
 * With 2^E ≤ |v| < 2^(E+1), |v| is rounded to an integer multiple q·2^g, g = max(E − 106, −1074):
 * h = RN(q)·2^g and l = (q − RN(q))·2^g are then exact doubles (|q − RN(q)| ≤ 2^53, and both are
 * multiples of 2^−1074) and h = RN(h + l). The result is within 2^g ≤ u²|v| of v.
 */
export function roundRational(v: Rational, direction: Direction): Rounded<DD> {
  if (v.m === 0n) return { value: ZERO, exact: true };
  const negative = v.m < 0n;
  const magnitude = negative ? -v.m : v.m;
  // Toward +∞ is away from zero for a positive value, toward it for a negative one.
  const away = (direction === UP) !== negative;
  const num = v.e >= 0 ? magnitude << BigInt(v.e) : magnitude;
  const den = v.e >= 0 ? v.d : v.d << BigInt(-v.e);
  const e = floorLog2(num, den);
  if (e >= 1024) return overflow(negative, away);
  const g = Math.max(e - 106, -1074);
  const [n, d] = g >= 0 ? [num, den << BigInt(g)] : [num << BigInt(-g), den];
  let q = n / d;
  const exact = q * d === n;
  if (!exact && away) q += 1n;
  // 0 < |v| < 2^−1074, rounded toward zero.
  if (q === 0n) return { value: ZERO, exact: false };
  const leading = Number(q);
  const scale = 2 ** g;
  const h = leading * scale;
  // RN(q·2^g) beyond the largest double: the value itself is beyond it.
  if (h === Infinity) return overflow(negative, away);
  const l = Number(q - BigInt(leading)) * scale;
  const sign = negative ? -1 : 1;
  return { value: { h: sign * h, l: l === 0 ? 0 : sign * l }, exact };
}

/** The rational a/b of two bigints (b ≠ 0) as m·2^0/d with d > 0. */
export function quotient(numerator: bigint, denominator: bigint): Rational {
  return denominator < 0n ? { m: -numerator, e: 0, d: -denominator } : { m: numerator, e: 0, d: denominator };
}

/** The smallest normal double: scaling a part that stays at or above it is exact. */
const MIN_NORMAL = 2 ** -1022;

function exactlyScalable(x: number, scaled: number): boolean {
  return x === 0 || (Number.isFinite(scaled) && Math.abs(scaled) >= MIN_NORMAL);
}

/** 2^k for k in [−1022, 1023], exact: a table, as this scaling ends every exp. */
const POWERS = Float64Array.from({ length: 2046 }, (_, i) => 2 ** (i - 1022));

/** a·2^k rounded in the direction: exact scaling when both parts stay normal, else exact BigInt rounding. */
export function scaleDirected(a: DD, k: number, direction: Direction): Rounded<DD> {
  if (k === 0) return { value: a, exact: true };
  if (k >= -1022 && k <= 1023) {
    const s = POWERS[k + 1022]!;
    const h = a.h * s;
    const l = a.l * s;
    if (exactlyScalable(a.h, h) && exactlyScalable(a.l, l)) return { value: { h, l }, exact: true };
  }
  const v = toRational(a);
  return roundRational({ m: v.m, e: v.e + k, d: v.d }, direction);
}

/** Both directed roundings of a rational; one object when exact. */
export function enclosingPair(v: Rational): { lo: DD; hi: DD; exact: boolean } {
  const lo = roundRational(v, DOWN);
  if (lo.exact) return { lo: lo.value, hi: lo.value, exact: true };
  return { lo: lo.value, hi: roundRational(v, UP).value, exact: false };
}
