import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shiftRow } from '../../src/numeric/shiftedRow.js';
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
