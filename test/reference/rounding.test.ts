import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DTYPES, type Dtype } from '../../src/case/types.js';
import { FORMATS, exponentOf, roundTo } from '../../src/numeric/dtype.js';
import { exactReal, exactRealToString, type ExactReal } from '../../src/reference/exact.js';
import type { Enclosure } from '../../src/reference/endpoints.js';
import { roundEnclosure, roundExact, roundFromOdd, roundToOdd } from '../../src/reference/rounding.js';

/** (−1)^negative · m · 2^e. */
function dyadic(m: bigint, e: number, negative = false): ExactReal {
  return { negative, coefficient: m, exponent: e, radix: 2 };
}

/** The same value as a radix-10 exact real, from its exact decimal expansion. */
function asDecimal(v: ExactReal): ExactReal {
  const text = exactRealToString(v).replace('-', '');
  const [whole, fraction = ''] = text.split('.');
  return { negative: v.negative, coefficient: BigInt(whole + fraction), exponent: -fraction.length, radix: 10 };
}

/** A positive dtype value a and its successor's distance 2^q, as dyadics at exponent q − 1. */
function midpointBetween(a: number, dtype: Dtype): { mid: ExactReal; below: number; above: number } {
  const fmt = FORMATS[dtype];
  const q = Math.max(exponentOf(a), fmt.emin) - fmt.precision + 1;
  const { coefficient, exponent } = exactReal(a);
  const aAtQ = coefficient << BigInt(exponent - q); // a = aAtQ · 2^q, exactly
  const above = Number(aAtQ + 1n) * 2 ** q;
  return { mid: dyadic(2n * aAtQ + 1n, q - 1), below: a, above: above > fmt.maxFinite ? Infinity : above };
}

/** A positive member of the dtype from any double (normal or subnormal), finite and nonzero. */
function dtypeValue(dtype: Dtype): fc.Arbitrary<number> {
  return fc
    .double({ min: FORMATS[dtype].minSubnormal, max: FORMATS[dtype].maxFinite, noNaN: true })
    .map((x) => roundTo(dtype)(x))
    .filter((x) => x > 0 && x <= FORMATS[dtype].maxFinite);
}

/** The even significand of two neighbours (the one whose last significand bit is 0). */
function isEvenIn(x: number, dtype: Dtype): boolean {
  const fmt = FORMATS[dtype];
  const q = Math.max(exponentOf(x), fmt.emin) - fmt.precision + 1;
  return Number.isFinite(x) ? (x / 2 ** q) % 2 === 0 : true;
}

describe('roundExact (DT-3, REF-5.2)', () => {
  for (const dtype of DTYPES) {
    it(`should round exact midpoints to even and their neighbours to nearest in ${dtype}`, () => {
      fc.assert(
        fc.property(dtypeValue(dtype), fc.boolean(), (a, negative) => {
          const { mid, below, above } = midpointBetween(a, dtype);
          const sign = negative ? -1 : 1;
          const even = isEvenIn(below, dtype) ? below : above;
          const signed = { ...mid, negative };
          expect(roundExact(signed, dtype)).toBe(sign * even);
          expect(roundExact(asDecimal(signed), dtype)).toBe(sign * even);
          const nudgeUp = dyadic(mid.coefficient * 2n ** 80n + 1n, mid.exponent - 80, negative);
          const nudgeDown = dyadic(mid.coefficient * 2n ** 80n - 1n, mid.exponent - 80, negative);
          expect(roundExact(nudgeUp, dtype)).toBe(sign * above);
          expect(roundExact(nudgeDown, dtype)).toBe(sign * below);
        }),
        { numRuns: 1500 },
      );
    });

    it(`should agree with the library rounding of doubles into ${dtype}`, () => {
      fc.assert(
        fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
          // The value −0 is the real number 0, which rounds to +0.
          const expected = x === 0 ? 0 : roundTo(dtype)(x);
          expect(Object.is(roundExact(exactReal(x), dtype), expected)).toBe(true);
        }),
        { numRuns: 3000 },
      );
    });

    it(`should overflow to infinity exactly from max + ulp(max)/2 in ${dtype}`, () => {
      const { maxFinite } = FORMATS[dtype];
      const { mid } = midpointBetween(maxFinite, dtype);
      expect(roundExact(mid, dtype)).toBe(Infinity);
      expect(roundExact({ ...mid, negative: true }, dtype)).toBe(-Infinity);
      const justBelow = dyadic(mid.coefficient * 2n ** 60n - 1n, mid.exponent - 60);
      expect(roundExact(justBelow, dtype)).toBe(maxFinite);
    });

    it(`should underflow gradually and keep the sign of zero in ${dtype}`, () => {
      const { minSubnormal, emin, precision } = FORMATS[dtype];
      const e = emin - precision + 1; // minSubnormal = 2^e
      expect(roundExact(dyadic(1n, e - 1), dtype)).toBe(0); // a tie between 0 and minSubnormal
      expect(roundExact(dyadic(1n, e - 1, true), dtype)).toBe(-0);
      expect(Object.is(roundExact(dyadic(1n, e - 1, true), dtype), -0)).toBe(true);
      expect(roundExact(dyadic(2n ** 70n + 1n, e - 71), dtype)).toBe(minSubnormal);
      expect(roundExact(dyadic(3n, e - 1), dtype)).toBe(2 * minSubnormal); // tie to even
      expect(Object.is(roundExact(dyadic(0n, 0, true), dtype), 0)).toBe(true); // 0 itself is +0
    });

    it(`should decide values far outside double range in ${dtype}`, () => {
      const decimal = (digits: bigint, exponent: number, negative = false): ExactReal => ({
        negative,
        coefficient: digits,
        exponent,
        radix: 10,
      });
      expect(roundExact(decimal(1n, -400), dtype)).toBe(0);
      expect(Object.is(roundExact(decimal(1n, -400, true), dtype), -0)).toBe(true);
      expect(roundExact(decimal(1n, 400), dtype)).toBe(Infinity);
      expect(roundExact(decimal(123456789n, 116580030, true), dtype)).toBe(-Infinity);
      expect(roundExact(dyadic(1n, -5000), dtype)).toBe(0);
      expect(roundExact(dyadic(3n, 5000, true), dtype)).toBe(-Infinity);
    });
  }

  it('should round decimal strings longer than 20 digits correctly (no Number(longString))', () => {
    // 1 + 2^-53 + 2^-120: just above the midpoint of 1 and 1 + 2^-52.
    const justAbove = dyadic(2n ** 120n + 2n ** 67n + 1n, -120);
    expect(roundExact(asDecimal(justAbove), 'float64')).toBe(1 + 2 ** -52);
    expect(roundExact(asDecimal(dyadic(2n ** 53n + 1n, -53)), 'float64')).toBe(1);
  });
});

describe('round-to-odd (REF-5.3)', () => {
  it('should set the last bit of an inexact truncation only', () => {
    expect(roundToOdd(1, true)).toBe(1 + 2 ** -52);
    expect(roundToOdd(1 + 2 ** -52, true)).toBe(1 + 2 ** -52);
    expect(roundToOdd(1, false)).toBe(1);
    expect(roundToOdd(0, true)).toBe(2 ** -1074);
    expect(roundToOdd(-0, true)).toBe(-(2 ** -1074));
    expect(roundToOdd(Number.MAX_VALUE, true)).toBe(Number.MAX_VALUE);
  });

  it('should avoid the double-rounding error of RN32(RN64(v))', () => {
    // v just above the float32 midpoint 1 + 2^-24: RN64(v) is the midpoint itself, so
    // fround(RN64(v)) ties to 1, while the correct RN32(v) is 1 + 2^-23.
    const v = dyadic(2n ** 100n + 2n ** 76n + 1n, -100);
    const rn64 = roundExact(v, 'float64');
    expect(Math.fround(rn64)).toBe(1);
    const truncated = 1 + 2 ** -24; // RZ64(v): v is within 2^-100 of it
    expect(roundFromOdd(roundToOdd(truncated, true), 'float32')).toBe(1 + 2 ** -23);
    expect(roundExact(v, 'float32')).toBe(1 + 2 ** -23);
  });
});

function closed(lo: ExactReal, hi: ExactReal): Enclosure<ExactReal> {
  return { lo, hi, loOpen: false, hiOpen: false };
}

describe('roundEnclosure (REF-5.1, REF-5.4, REF-6)', () => {
  const one = dyadic(1n, 0);
  const midpoint = dyadic(2n ** 53n + 1n, -53); // between 1 and 1 + 2^-52
  const nextUp = dyadic(2n ** 52n + 1n, -52);

  it('should return the common rounding of both ends, or undefined across a midpoint', () => {
    const aboveMidpoint = dyadic(2n ** 54n + 3n, -54);
    expect(roundEnclosure(closed(one, dyadic(2n ** 60n + 1n, -60)), 'float64')).toBe(1);
    expect(roundEnclosure(closed(one, aboveMidpoint), 'float64')).toBeUndefined();
    expect(roundEnclosure(closed(midpoint, midpoint), 'float64')).toBe(1); // exact midpoint: ties to even
  });

  it('should round a value strictly above or below an exact midpoint away from it', () => {
    // (midpoint, nextUp]: e.g. a midpoint plus e^-300000, whose lower bound rounded to the midpoint.
    expect(roundEnclosure({ lo: midpoint, hi: nextUp, loOpen: true, hiOpen: false }, 'float64')).toBe(1 + 2 ** -52);
    expect(roundEnclosure({ lo: midpoint, hi: nextUp, loOpen: false, hiOpen: false }, 'float64')).toBeUndefined();
    expect(roundEnclosure({ lo: one, hi: midpoint, loOpen: false, hiOpen: true }, 'float64')).toBe(1);
    const negativeMidpoint = { ...midpoint, negative: true };
    const negativeOne = { ...one, negative: true };
    expect(roundEnclosure({ lo: negativeMidpoint, hi: negativeOne, loOpen: false, hiOpen: true }, 'float64')).toBe(-1);
  });

  it('should overflow an open end at max + ulp(max)/2 toward the inside only', () => {
    const { mid } = midpointBetween(FORMATS.float32.maxFinite, 'float32');
    const above = dyadic(mid.coefficient * 2n + 1n, mid.exponent - 1);
    const below = dyadic(mid.coefficient * 2n - 1n, mid.exponent - 1);
    expect(roundEnclosure({ lo: mid, hi: above, loOpen: true, hiOpen: false }, 'float32')).toBe(Infinity);
    expect(roundEnclosure({ lo: below, hi: mid, loOpen: false, hiOpen: true }, 'float32')).toBe(
      FORMATS.float32.maxFinite,
    );
  });

  it('should give -0 only when the value is certainly negative (REF-6.1, REF-6.2)', () => {
    const tiny = dyadic(1n, -2000);
    const negativeTiny = dyadic(1n, -2000, true);
    const zero = dyadic(0n, 0);
    expect(Object.is(roundEnclosure(closed(negativeTiny, dyadic(1n, -2100, true)), 'float64'), -0)).toBe(true);
    expect(Object.is(roundEnclosure({ lo: negativeTiny, hi: zero, loOpen: false, hiOpen: true }, 'float64'), -0)).toBe(
      true,
    );
    expect(roundEnclosure(closed(negativeTiny, zero), 'float64')).toBeUndefined(); // 0 or negative
    expect(roundEnclosure(closed(negativeTiny, tiny), 'float32')).toBeUndefined();
    expect(Object.is(roundEnclosure(closed(zero, tiny), 'float16'), 0)).toBe(true);
    expect(Object.is(roundEnclosure(closed(zero, zero), 'bfloat16'), 0)).toBe(true);
  });
});
