/**
 * The soft-cap's binary64 pieces (src/numeric/tanh.ts; spec/losses.md#CAP-1, CAP-2) against
 * decimal.js at 60 digits.
 */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { capQuotient, softcap, tanhSlope } from '../../src/numeric/tanh.js';
import { ulpDistance } from '../../src/numeric/ulp.js';
import { exactDecimal } from '../../src/reference/exact.js';
import { TEST_SEED } from '../setup.js';

const D = Decimal.clone({ precision: 60 });
const positive = fc.double({ min: 1e-3, max: 1e3, noNaN: true });
const exact = (x: number) => exactDecimal(x, D);
// 1 − tanh² as 1/cosh², which does not cancel at 60 digits.
const exactSlope = (x: number, c: number) => new D(1).div(exact(x).div(exact(c)).cosh().pow(2)).toNumber();

describe('the soft-cap in binary64 (CAP-1, CAP-2)', () => {
  it('should keep the quotient x/c to about u² relative in hi + lo', () => {
    fc.assert(
      fc.property(positive, positive, (x, c) => {
        const { hi, lo } = capQuotient(x, c);
        const quotient = exact(x).div(exact(c));
        expect(
          exact(hi)
            .plus(exact(lo))
            .minus(quotient)
            .abs()
            .lte(quotient.times(2 ** -100)),
        ).toBe(true);
      }),
      { seed: TEST_SEED, numRuns: 500 },
    );
  });

  it('should drop the remainder where TwoProduct cannot split the quotient (past 2^970): the slope is 0 there', () => {
    const { hi, lo } = capQuotient(-3.3484643725090815e299, 0.25);
    expect([hi, lo]).toEqual([-3.3484643725090815e299 / 0.25, 0]);
    expect(tanhSlope(hi, lo)).toBe(0);
    expect(capQuotient(Infinity, 1)).toEqual({ hi: Infinity, lo: 0 });
  });

  it("should give the slope far out on tanh's tail within a few ULPs, where rounding x/c costs 2·|x/c| of them", () => {
    // x/c ≈ 301: the rounded quotient alone moves e^{−2|x/c|} by up to 301 units of u.
    const [x, c] = [75.3, 0.25000000000000006];
    const { hi, lo } = capQuotient(x, c);
    expect(ulpDistance(tanhSlope(hi, lo), exactSlope(x, c), 'float64')).toBeLessThanOrEqual(8);
    expect(ulpDistance(tanhSlope(hi), exactSlope(x, c), 'float64')).toBeGreaterThan(8);
  });

  it('should give the slope, not 1 − tanh², once tanh rounds to 1', () => {
    expect(1 - Math.tanh(30) ** 2).toBe(0);
    expect(ulpDistance(tanhSlope(30), exactSlope(30, 1), 'float64')).toBeLessThanOrEqual(8);
  });

  it('should keep a subnormal logit whose x/c underflows: c·tanh(x/c) is x to u/3', () => {
    expect(softcap(2.5e-323, 30)).toBe(2.5e-323);
    expect(softcap(-5e-324, 1e300)).toBe(-5e-324);
    expect(softcap(1e-300, 30)).toBe(1e-300);
    expect(softcap(3, 2)).toBe(2 * Math.tanh(1.5));
  });
});
