import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromScaled, scaledAdd, scaledSum, scaledTwoProduct, toScaled } from '../../src/numeric/scaled.js';
import { dyadic, dyadicEquals, dyadicProduct, dyadicSum } from '../__helpers__/exact.js';

describe('scaledTwoProduct (TOL-ACC.1)', () => {
  it('should hold a·k exactly as hi + lo, where the rounded product would not', () => {
    const a = toScaled(0.2);
    const [hi, lo] = scaledTwoProduct(a, toScaled(5));
    expect(fromScaled(lo)).not.toBe(0); // 5·RN(0.2) is not a double
    const sum = dyadicSum(dyadic(fromScaled(hi)), dyadic(fromScaled(lo)));
    expect(dyadicEquals(sum, dyadicProduct(dyadic(0.2), dyadic(5)))).toBe(true);
  });

  it('should be exact for any double times a class count or a double whose hi and lo are doubles', () => {
    // lo is about 2^-53 of hi: above 1e-200 it stays clear of the subnormals fromScaled rounds into.
    const value = fc.double({ min: -1e300, max: 1e300, noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-200);
    // A double factor within 1e±6: the product's hi and lo stay doubles too.
    const factor = fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((k) => k === 0 || Math.abs(k) > 1e-6);
    fc.assert(
      fc.property(value, fc.oneof(fc.integer({ min: 1, max: 131072 }), factor), (x, k) => {
        const [hi, lo] = scaledTwoProduct(toScaled(x), toScaled(k));
        const sum = dyadicSum(dyadic(fromScaled(hi)), dyadic(fromScaled(lo)));
        expect(dyadicEquals(sum, dyadicProduct(dyadic(x), dyadic(k)))).toBe(true);
      }),
      { seed: 1 },
    );
  });
});

describe('toScaled and fromScaled (TOL-ACC: m·2^e, m in [0.5, 1))', () => {
  it('should split a normal or subnormal double exactly, and keep zero, infinities and NaN as they are', () => {
    for (const x of [1, -3, 2 ** -1022, 2 ** -1074, -3 * 2 ** -1070, 1.5e300]) {
      const s = toScaled(x);
      expect(Math.abs(s.m)).toBeGreaterThanOrEqual(0.5);
      expect(Math.abs(s.m)).toBeLessThan(1);
      expect(fromScaled(s)).toBe(x);
    }
    expect(toScaled(2 ** -1074)).toEqual({ m: 0.5, e: -1073 });
    for (const x of [0, Infinity, -Infinity, NaN]) expect(toScaled(x)).toEqual({ m: x, e: 0 });
  });

  it('should round once into binary64 beyond its range: overflow to ∞, gradual underflow to even', () => {
    expect(fromScaled({ m: 0.5, e: 2000 })).toBe(Infinity);
    expect(fromScaled({ m: -0.5, e: -2000 })).toBe(-0);
    expect(fromScaled({ m: 0.75, e: -1073 })).toBe(2 ** -1073); // 1.5·2^-1074, a tie
  });
});

describe('scaledAdd and scaledSum (TOL-ACC: no overflow or underflow until the final conversion)', () => {
  const huge = { m: 0.5, e: 5000 };

  it('should add infinities as binary64 does, whatever the other exponent', () => {
    expect(scaledAdd(toScaled(Infinity), huge)).toEqual({ m: Infinity, e: 0 });
    expect(scaledAdd(huge, toScaled(-Infinity))).toEqual({ m: -Infinity, e: 0 });
    expect(scaledAdd(toScaled(Infinity), toScaled(Infinity))).toEqual({ m: Infinity, e: 0 });
    expect(scaledAdd(toScaled(Infinity), toScaled(-Infinity)).m).toBeNaN();
  });

  it('should keep what a binary64 sum rounds away, and a value far below a zero term', () => {
    expect(fromScaled(scaledSum([1, 2 ** -60, -1].map(toScaled)))).toBe(2 ** -60);
    expect(scaledSum([toScaled(0), { m: 0.5, e: -5000 }])).toEqual({ m: 0.5, e: -5000 });
  });

  it('should multiply by an infinite or special factor as binary64 does (scaledTwoProduct)', () => {
    expect(scaledTwoProduct(toScaled(Infinity), toScaled(2))).toEqual([
      { m: Infinity, e: 0 },
      { m: 0, e: 0 },
    ]);
    expect(scaledTwoProduct(toScaled(3), toScaled(Infinity))).toEqual([
      { m: Infinity, e: 0 },
      { m: 0, e: 0 },
    ]);
    expect(scaledTwoProduct(toScaled(3), toScaled(0))[0].m).toBe(0);
  });
});
