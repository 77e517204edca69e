/**
 * Correct rounding of exact values and of enclosures into a dtype
 * (spec/formats.md#DT-3, spec/reference-engine.md#REF-5, REF-6).
 *
 * Nothing here goes through `Number(longString)` (ECMAScript guarantees correct rounding of at
 * most 20 significant digits) or rounds twice: an exact value is rounded once with BigInt
 * arithmetic, and a narrower dtype is reached from binary64 only through round-to-odd.
 */
import type { Dtype } from '../case/types.js';
import { FORMATS, roundTo, type FloatFormat } from '../numeric/dtype.js';
import type { Enclosure, Tie } from './endpoints.js';
import type { ExactReal } from './exact.js';

const LOG2_10 = Math.log2(10);
const scratch = new DataView(new ArrayBuffer(8));

/** An exact value as a fraction num/den of positive bigints (sizes bounded by the caller). */
interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

function toFraction(v: ExactReal): Fraction {
  const base = v.radix === 2 ? 2n : 10n;
  const scale = base ** BigInt(Math.abs(v.exponent));
  return v.exponent >= 0 ? { num: v.coefficient * scale, den: 1n } : { num: v.coefficient, den: scale };
}

/** Bounds on log2 of a nonzero exact value from its digit count alone (no big arithmetic). */
function log2Range(v: ExactReal): [number, number] {
  const length = v.radix === 2 ? v.coefficient.toString(2).length : v.coefficient.toString().length;
  if (v.radix === 2) return [length - 1 + v.exponent, length + v.exponent];
  // 10^(length−1+e) ≤ v < 10^(length+e), with a margin for the floating-point product.
  return [(length - 1 + v.exponent) * LOG2_10 - 1, (length + v.exponent) * LOG2_10 + 1];
}

/** floor(log2(num/den)) exactly. */
function floorLog2({ num, den }: Fraction): number {
  const guess = num.toString(2).length - den.toString(2).length;
  const scaled = guess >= 0 ? num >= den << BigInt(guess) : num << BigInt(-guess) >= den;
  return scaled ? guess : guess - 1;
}

/** num/den rounded to the nearest integer, a tie broken toward even, up or down. */
function roundQuotient(num: bigint, den: bigint, tie: Tie): bigint {
  const quotient = num / den;
  const twiceRemainder = 2n * (num - quotient * den);
  if (twiceRemainder !== den) return twiceRemainder > den ? quotient + 1n : quotient;
  if (tie === 'even') return quotient + (quotient & 1n);
  return tie === 'up' ? quotient + 1n : quotient;
}

/** The magnitude |v| (nonzero, within a few binades of the format's range) rounded into fmt. */
function roundMagnitude(v: ExactReal, fmt: FloatFormat, tie: Tie): number {
  return roundFractionMagnitude(toFraction(v), fmt, tie);
}

/** A positive fraction rounded into fmt (any size: the exponent is found exactly). */
function roundFractionMagnitude(fraction: Fraction, fmt: FloatFormat, tie: Tie): number {
  const quantumExponent = Math.max(floorLog2(fraction), fmt.emin) - fmt.precision + 1;
  const shift = BigInt(Math.abs(quantumExponent));
  const significand =
    quantumExponent >= 0
      ? roundQuotient(fraction.num, fraction.den << shift, tie)
      : roundQuotient(fraction.num << shift, fraction.den, tie);
  // significand ≤ 2^precision, so the product is exact unless it leaves the format's range.
  const magnitude = Number(significand) * 2 ** quantumExponent;
  return magnitude > fmt.maxFinite ? Infinity : magnitude;
}

/**
 * RN(v): the exact value rounded to nearest into the dtype, with gradual underflow, overflow to
 * ±∞ from max + ulp(max)/2 on, and the sign kept on zero (−0 for a negative value too small to
 * represent, +0 for 0 itself) (DT-3). A tie goes to even, or toward +∞ (`up`) or −∞ (`down`)
 * for an end of an enclosure known to lie strictly beside the value (REF-5). Values far outside
 * double range (1e−400, 1e400) are decided from their digit counts.
 */
export function roundExact(v: ExactReal, dtype: Dtype, tie: Tie = 'even'): number {
  const fmt = FORMATS[dtype];
  const sign = v.negative ? -1 : 1;
  // In magnitude, toward +∞ is away from zero for a positive value and toward it for a negative one.
  const magnitudeTie: Tie = tie === 'even' ? tie : (tie === 'up') !== v.negative ? 'up' : 'down';
  if (v.coefficient === 0n) return 0;
  const [low, high] = log2Range(v);
  // |v| ≤ 2^(emin−p) is at most half the smallest subnormal: it rounds to zero (a tie goes to 0).
  if (high <= fmt.emin - fmt.precision) return sign * 0;
  // |v| ≥ 2^(emax+1) is beyond max + ulp(max)/2.
  if (low >= fmt.emax + 1) return sign * Infinity;
  return sign * roundMagnitude(v, fmt, magnitudeTie);
}

/**
 * RN(num/den) for integers with den > 0, ties to even, −0 for a negative value too small to
 * represent (DT-3): the exact rationals of REF-10 are rounded this way, never through an
 * enclosure, so an exact tie is decided at once.
 */
export function roundFraction(num: bigint, den: bigint, dtype: Dtype): number {
  if (num === 0n) return 0;
  const fmt = FORMATS[dtype];
  const magnitude = num < 0n ? -num : num;
  const exponent = floorLog2({ num: magnitude, den });
  const sign = num < 0n ? -1 : 1;
  if (exponent < fmt.emin - fmt.precision - 1) return sign * 0;
  if (exponent > fmt.emax + 1) return sign * Infinity;
  return sign * roundFractionMagnitude({ num: magnitude, den }, fmt, 'even');
}

/**
 * Round-to-odd into binary64 from a truncation: RO(v) is RZ(v) with its last bit set when
 * v is inexact (Boldo & Melquiond 2008). `truncated` must be RZ(v) in binary64.
 */
export function roundToOdd(truncated: number, inexact: boolean): number {
  if (!inexact || !Number.isFinite(truncated)) return truncated;
  scratch.setFloat64(0, truncated);
  scratch.setUint8(7, scratch.getUint8(7) | 1);
  return scratch.getFloat64(0);
}

/**
 * RN into a dtype of at most 51 significand bits from RO53(v): a single correct rounding of v,
 * because binary64 holds p + 2 bits of the target (Boldo & Melquiond 2008). Not for float64.
 */
export function roundFromOdd(roundedToOdd: number, dtype: Exclude<Dtype, 'float64'>): number {
  return roundTo(dtype)(roundedToOdd);
}

/**
 * The one dtype value every point of an enclosure rounds to, or undefined (REF-5): each end is
 * rounded on its own, an open end breaking a tie toward the inside, and both must agree. Zeros
 * (REF-6): −0 when the value is certainly negative, +0 when it is certainly ≥ 0, else undefined.
 */
export function roundEnclosureWith<E>(
  a: Enclosure<E>,
  roundEnd: (end: E, tie: Tie) => number,
  signOf: (end: E) => number,
): number | undefined {
  const low = roundEnd(a.lo, a.loOpen ? 'up' : 'even');
  const high = a.lo === a.hi ? low : roundEnd(a.hi, a.hiOpen ? 'down' : 'even');
  if (Number.isNaN(low) || Number.isNaN(high)) return undefined;
  if (low !== 0 || high !== 0) return low === high ? low : undefined;
  if (signOf(a.lo) >= 0) return 0;
  const highSign = signOf(a.hi);
  return highSign < 0 || (highSign === 0 && a.hiOpen) ? -0 : undefined;
}

function exactSign(v: ExactReal): number {
  return v.coefficient === 0n ? 0 : v.negative ? -1 : 1;
}

/** roundEnclosureWith for an enclosure with exact ends. */
export function roundEnclosure(a: Enclosure<ExactReal>, dtype: Dtype): number | undefined {
  return roundEnclosureWith(a, (end, tie) => roundExact(end, dtype, tie), exactSign);
}
