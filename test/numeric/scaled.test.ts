import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromScaled, scaledTwoProduct, toScaled } from '../../src/numeric/scaled.js';
import { dyadic, dyadicEquals, dyadicProduct, dyadicSum } from '../__helpers__/exact.js';

describe('scaledTwoProduct (TOL-ACC.1)', () => {
  it('should hold a·k exactly as hi + lo, where the rounded product would not', () => {
    const a = toScaled(0.2);
    const [hi, lo] = scaledTwoProduct(a, 5);
    expect(fromScaled(lo)).not.toBe(0); // 5·RN(0.2) is not a double
    const sum = dyadicSum(dyadic(fromScaled(hi)), dyadic(fromScaled(lo)));
    expect(dyadicEquals(sum, dyadicProduct(dyadic(0.2), dyadic(5)))).toBe(true);
  });

  it('should be exact for any double and class count whose hi and lo are doubles', () => {
    // lo is about 2^-53 of hi: above 1e-200 it stays clear of the subnormals fromScaled rounds into.
    const value = fc.double({ min: -1e300, max: 1e300, noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-200);
    fc.assert(
      fc.property(value, fc.integer({ min: 1, max: 131072 }), (x, k) => {
        const [hi, lo] = scaledTwoProduct(toScaled(x), k);
        const sum = dyadicSum(dyadic(fromScaled(hi)), dyadic(fromScaled(lo)));
        expect(dyadicEquals(sum, dyadicProduct(dyadic(x), dyadic(k)))).toBe(true);
      }),
      { seed: 1 },
    );
  });
});
