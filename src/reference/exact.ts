/**
 * Exact values of doubles (spec/reference-engine.md#REF-2).
 *
 * A finite double is ±M·2^E with integers M, E; everything here is built from its bits, never
 * from `Number.prototype.toString` (the shortest round-trip string, which is a different number:
 * `new Decimal(0.1)` is 0.1, not 0.1000000000000000055511151231257827021181583404541015625).
 */
import { Decimal } from 'decimal.js';

/**
 * An exact finite real number (−1)^negative · coefficient · radix^exponent.
 * Radix 2 holds doubles and MPFR values; radix 10 holds decimal.js values.
 */
export interface ExactReal {
  readonly negative: boolean;
  readonly coefficient: bigint;
  readonly exponent: number;
  readonly radix: 2 | 10;
}

const view = new DataView(new ArrayBuffer(8));

/** Trailing zero bits of a positive bigint. */
function trailingZeroBits(n: bigint): number {
  let count = 0;
  while ((n & 0xffffffffn) === 0n) {
    n >>= 32n;
    count += 32;
  }
  while ((n & 1n) === 0n) {
    n >>= 1n;
    count += 1;
  }
  return count;
}

/**
 * The exact value of a finite double as a dyadic ±M·2^E with M odd (or 0), read from its bits:
 * normal numbers have M = fraction + 2^52, E = biased − 1075; subnormals M = fraction, E = −1074.
 * −0 gives `negative: true` with coefficient 0.
 */
export function exactReal(x: number): ExactReal {
  if (!Number.isFinite(x)) throw new RangeError(`exactReal: ${x} is not a finite double`);
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  let coefficient = biased === 0 ? fraction : fraction | (1n << 52n);
  let exponent = biased === 0 ? -1074 : biased - 1075;
  if (coefficient === 0n) return { negative, coefficient, exponent: 0, radix: 2 };
  const zeros = trailingZeroBits(coefficient);
  coefficient >>= BigInt(zeros);
  exponent += zeros;
  return { negative, coefficient, exponent, radix: 2 };
}

/** Positional decimal digits of C·10^e (no exponent), without a sign. */
function positional(coefficient: bigint, exponent: number): string {
  const digits = coefficient.toString();
  if (exponent >= 0) return coefficient === 0n ? '0' : digits + '0'.repeat(exponent);
  const padded = digits.padStart(-exponent + 1, '0');
  const point = padded.length + exponent;
  const fraction = padded.slice(point).replace(/0+$/, '');
  return fraction === '' ? padded.slice(0, point) : `${padded.slice(0, point)}.${fraction}`;
}

/**
 * The exact decimal expansion of an exact real, positional (no exponent). A dyadic M·2^−k is
 * printed as M·5^k / 10^k, so at most 1074 fraction digits for a double.
 */
export function exactRealToString(v: ExactReal): string {
  const sign = v.negative ? '-' : '';
  if (v.radix === 10) return sign + positional(v.coefficient, v.exponent);
  if (v.exponent >= 0) return sign + (v.coefficient << BigInt(v.exponent)).toString();
  return sign + positional(v.coefficient * 5n ** BigInt(-v.exponent), v.exponent);
}

/**
 * The exact decimal expansion of a double: `0.1` gives
 * `0.1000000000000000055511151231257827021181583404541015625`, `-0` gives `-0`, and the
 * non-finite values their JSON names (`NaN`, `Infinity`, `-Infinity`, spec/formats.md#FMT-1).
 */
export function exactDecimalString(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return exactRealToString(exactReal(x));
}

/**
 * The double's exact value as a decimal.js number. decimal.js keeps every digit of a decimal
 * string (it does not round a string to `precision`), so the value is exact whatever the
 * constructor's precision; arithmetic on it then rounds as that constructor says.
 */
export function exactDecimal(x: number, ctor: Decimal.Constructor = Decimal): Decimal {
  return new ctor(exactDecimalString(x));
}

/** A double as an exact fraction numerator/denominator with denominator a power of two. */
export function doubleAsFraction(x: number): { numerator: bigint; denominator: bigint } {
  const { negative, coefficient, exponent } = exactReal(x);
  const signed = negative ? -coefficient : coefficient;
  if (exponent >= 0) return { numerator: signed << BigInt(exponent), denominator: 1n };
  return { numerator: signed, denominator: 1n << BigInt(-exponent) };
}
