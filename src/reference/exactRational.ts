/**
 * Exact rationals `m·2^e / d` for the parts of a loss that are rational in the inputs: weights,
 * targets, `1 − ε`, `ε/K`, coefficients, their sums, mean denominators (spec/reference-engine.md
 * #REF-10). Held exactly, whatever the working precision, so that an exactly cancelling
 * combination is an exact 0 and a sum of doubles spanning the whole exponent range never needs
 * thousands of digits.
 */

/** `m·2^e / d` with `d > 0`. */
export interface Rational {
  readonly m: bigint;
  readonly e: number;
  readonly d: bigint;
}

const view = new DataView(new ArrayBuffer(8));

/** The exact value of a finite double. */
export function rationalOfDouble(x: number): Rational {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  if (biased === 0) return { m: sign * fraction, e: -1074, d: 1n };
  return { m: sign * (fraction | (1n << 52n)), e: biased - 1075, d: 1n };
}

/** m·2^e as an integer over 2^(−e), for e < 0. */
function aligned(a: Rational, e: number): bigint {
  return a.m << BigInt(a.e - e);
}

export function addRational(a: Rational, b: Rational): Rational {
  if (a.m === 0n) return b;
  if (b.m === 0n) return a;
  const e = Math.min(a.e, b.e);
  if (a.d === b.d) return { m: aligned(a, e) + aligned(b, e), e, d: a.d };
  return { m: aligned(a, e) * b.d + aligned(b, e) * a.d, e, d: a.d * b.d };
}

export function negRational(a: Rational): Rational {
  return { m: -a.m, e: a.e, d: a.d };
}

export function mulRational(a: Rational, b: Rational): Rational {
  return { m: a.m * b.m, e: a.e + b.e, d: a.d * b.d };
}

/** a / b for b ≠ 0. */
export function divRational(a: Rational, b: Rational): Rational {
  const sign = b.m < 0n ? -1n : 1n;
  return { m: sign * a.m * b.d, e: a.e - b.e, d: a.d * sign * b.m };
}

export function signOfRational(a: Rational): -1 | 0 | 1 {
  return a.m === 0n ? 0 : a.m > 0n ? 1 : -1;
}

export function compareRational(a: Rational, b: Rational): number {
  return signOfRational(addRational(a, negRational(b)));
}

/** numerator / denominator as integers, for `IntervalArithmetic.fromRational`. */
export function rationalParts(a: Rational): [bigint, bigint] {
  return a.e >= 0 ? [a.m << BigInt(a.e), a.d] : [a.m, a.d << BigInt(-a.e)];
}

/** A string equal for equal dyadic rationals (d = 1), whatever their `m·2^e` form: m made odd. */
export function dyadicKey(a: Rational): string {
  if (a.m === 0n) return '0';
  let [m, e] = [a.m, a.e];
  while ((m & 1n) === 0n) [m, e] = [m >> 1n, e + 1];
  return `${m}:${e}:${a.d}`;
}
