import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { twoProduct, twoSum } from '../../src/numeric/eft.js';
import { dyadic, dyadicEquals, dyadicProduct, dyadicSum } from '../__helpers__/exact.js';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 });

describe('twoSum (TOL-ACC)', () => {
  it('should make a + b equal hi + lo exactly', () => {
    fc.assert(
      fc.property(finite, finite, (a, b) => {
        const { hi, lo } = twoSum(a, b);
        expect(hi).toBe(a + b);
        expect(dyadicEquals(dyadicSum(dyadic(a), dyadic(b)), dyadicSum(dyadic(hi), dyadic(lo)))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('twoProduct (TOL-ACC)', () => {
  it('should make a·b equal hi + lo exactly below 2^970 without underflow', () => {
    const moderate = fc.double({ noNaN: true, min: -1e140, max: 1e140 }).filter((v) => v === 0 || Math.abs(v) > 1e-140);
    fc.assert(
      fc.property(moderate, moderate, (a, b) => {
        const { hi, lo } = twoProduct(a, b);
        expect(hi).toBe(a * b);
        expect(dyadicEquals(dyadicProduct(dyadic(a), dyadic(b)), dyadicSum(dyadic(hi), dyadic(lo)))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
