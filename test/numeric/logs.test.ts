import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { logOfExpansion, logOfOneMinusPlus, logOfSum, softplus } from '../../src/numeric/logs.js';
import { ulpOf } from '../../src/numeric/ulp.js';

/**
 * ln(hi + lo) to 40 digits. decimal.js reads a double from its shortest decimal form, 17 digits:
 * a relative error below 10^-16 in each part, far below an ulp of the logarithms compared here.
 */
function exactLog(hi: number, lo: number): number {
  const D = Decimal.clone({ precision: 40 });
  return new D(hi).plus(new D(lo)).ln().toNumber();
}

describe('logOfExpansion (TOL-ACC: log of a double-double argument)', () => {
  it('should be ln(hi + lo) within an ulp, lo included, near 1, on [0.5, 2] and far from it', () => {
    for (const [hi, lo] of [
      [1, 2 ** -70],
      [1, -(2 ** -60)],
      [1.5, 2 ** -54],
      [0.25, 2 ** -57],
      [2 ** 100, 2 ** 47],
      [3 * 2 ** -600, 2 ** -653],
    ] as const) {
      const got = logOfExpansion({ hi, lo });
      expect(Math.abs(got - exactLog(hi, lo)), `${hi} + ${lo}`).toBeLessThanOrEqual(ulpOf(got, 'float64'));
    }
  });

  it('should follow log at 0, below it and at ∞, whatever lo', () => {
    expect(logOfExpansion({ hi: 0, lo: 0 })).toBe(-Infinity);
    expect(logOfExpansion({ hi: -1, lo: 0 })).toBeNaN();
    expect(logOfExpansion({ hi: Infinity, lo: 0 })).toBe(Infinity);
    expect(logOfExpansion({ hi: NaN, lo: 0 })).toBeNaN();
  });
});

describe('logOfSum, logOfOneMinusPlus and softplus (TOL-ACC)', () => {
  it('should take the sum and 1 − p exactly: log(1 + 2^-60) is 2^-60, log(1 − 2^-60 + 2^-61) is −2^-61', () => {
    expect(logOfSum(1, 2 ** -60)).toBe(2 ** -60);
    expect(logOfOneMinusPlus(2 ** -60, 2 ** -61)).toBe(-(2 ** -61));
    expect(logOfOneMinusPlus(0.5, 0)).toBe(Math.log(0.5));
  });

  it('should be log(1 + e^z) as max(z, 0) + log1p(e^−|z|) on either side of 0', () => {
    expect(softplus(0)).toBe(Math.LN2);
    expect(softplus(800)).toBe(800);
    expect(softplus(-800)).toBe(0);
    expect(softplus(-40)).toBe(Math.log1p(Math.exp(-40)));
    expect(softplus(3)).toBe(3 + Math.log1p(Math.exp(-3)));
  });
});
