import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shiftRow, shiftedAt } from '../../src/numeric/shiftedRow.js';
import { neumaierSum } from '../../src/numeric/sum.js';
import { dyadic, dyadicEquals, dyadicSum } from '../__helpers__/exact.js';

const MAX = Number.MAX_VALUE;

describe('shiftRow (TOL-ACC, spec/stability.md#PRED-4)', () => {
  it('should hold x − m exactly as hi + lo when TwoSum would overflow near the largest double', () => {
    // A logit of the last point of the float64 `scale` sweep: TwoSum's (x − m) − x rounded past
    // −MAX, and lo was NaN.
    const x = 8.207620217784778e307;
    const row = shiftRow(Float64Array.of(MAX, x));
    expect(Number.isFinite(row.lo[1]!)).toBe(true);
    expect(dyadicEquals(dyadicSum(dyadic(row.hi[1]!), dyadic(row.lo[1]!)), dyadicSum(dyadic(x), dyadic(-MAX)))).toBe(
      true,
    );
  });

  it('should hold x − m exactly for every m near the largest double and x up to half of it', () => {
    // TwoSum overflows only where x − m itself reaches the top binade and rounds by half an ulp.
    const ulpOfMax = 2 ** 971;
    const below = fc.double({ min: 2 ** 1000, max: 2 ** 1023, noNaN: true });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), below, (k, x) => {
        const m = MAX - k * ulpOfMax;
        const row = shiftRow(Float64Array.of(m, x));
        const exact = dyadicSum(dyadic(x), dyadic(-m));
        expect(dyadicEquals(dyadicSum(dyadic(row.hi[1]!), dyadic(row.lo[1]!)), exact)).toBe(true);
      }),
    );
  });
});

describe('shiftRow and shiftedAt: the argmax, exact differences and the compensated s (TOL-ACC)', () => {
  it('should take the first maximum on ties', () => {
    expect(shiftRow(Float64Array.of(1, 3, 3)).argmax).toBe(1);
  });

  it('should hold a subnormal logit exactly beside a maximum of 1: d = −1 + 2^-1074', () => {
    const row = Float64Array.of(1, 2 ** -1074);
    expect([shiftRow(row).hi[1], shiftRow(row).lo[1]]).toEqual([-1, 2 ** -1074]);
    expect(shiftedAt(row, 0, 1)).toEqual({ hi: -1, lo: 2 ** -1074 });
    expect(shiftedAt(row, 0, 0)).toEqual({ hi: 0, lo: 0 });
  });

  it("should sum s as Neumaier's sum of the e_j off the argmax, keeping the terms a plain sum rounds away", () => {
    for (const x of [
      [0, -37, 0, -36, 0, -35, -35], // the small terms before the large ones
      [0, 0, -37, -36, 0, -40], // and after
    ]) {
      const row = shiftRow(Float64Array.from(x));
      const terms = Array.from(row.e).filter((_, j) => j !== row.argmax);
      expect(row.s).toBe(neumaierSum(terms));
      expect(row.s).not.toBe(terms.reduce((a, b) => a + b, 0));
    }
  });
});
