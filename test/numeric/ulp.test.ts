import { describe, expect, it } from 'vitest';
import { DTYPES } from '../../src/case/types.js';
import { FORMATS } from '../../src/numeric/dtype.js';
import { bitsOfError, maxUlps, relativeError, ulpDistance, ulpOf } from '../../src/numeric/ulp.js';

describe('ulpDistance (TOL-1)', () => {
  it('should count adjacent values as 1 and ±0 as equal in every dtype', () => {
    for (const dtype of DTYPES) {
      const { precision, minSubnormal, maxFinite } = FORMATS[dtype];
      expect(ulpDistance(1, 1 + 2 ** (1 - precision), dtype)).toBe(1);
      expect(ulpDistance(0, -0, dtype)).toBe(0);
      expect(ulpDistance(-minSubnormal, minSubnormal, dtype)).toBe(2);
      expect(ulpDistance(maxFinite, Infinity, dtype)).toBe(1);
      expect(ulpDistance(1, 2, dtype)).toBe(2 ** (precision - 1));
    }
  });

  it('should count NaN against a number as maximal and NaN against NaN as 0', () => {
    expect(ulpDistance(NaN, 1, 'float32')).toBe(maxUlps('float32'));
    expect(ulpDistance(-Infinity, NaN, 'float16')).toBe(2 ** 16);
    expect(ulpDistance(NaN, NaN, 'float64')).toBe(0);
  });

  it('should be exact beyond 2^32 in float64', () => {
    expect(ulpDistance(1, 2, 'float64')).toBe(2 ** 52);
    expect(ulpDistance(-1, 1, 'float64')).toBe(2 * 0x3ff0000000000000);
  });
});

describe('bitsOfError (TOL-2)', () => {
  it('should be log2(1 + ulps)', () => {
    expect(bitsOfError(0)).toBe(0);
    expect(bitsOfError(1)).toBe(1);
    expect(bitsOfError(3)).toBe(2);
    // TOL-1's maximal distance in float64, 2^64: 1 + 2^64 rounds to 2^64 in binary64.
    expect(bitsOfError(maxUlps('float64'))).toBe(64);
  });
});

describe('relativeError and ulpOf (TOL-3)', () => {
  it('should measure relative to the expected value', () => {
    expect(relativeError(1.5, 1)).toBe(0.5);
    expect(relativeError(0, 0)).toBe(0);
    expect(relativeError(1, 0)).toBe(Infinity);
    expect(relativeError(NaN, 1)).toBe(Infinity);
    expect(relativeError(0, -0)).toBe(0); // equal values, though not the same bits
    expect(relativeError(-0, 0)).toBe(0);
  });

  it("should give Goldberg's ulp, constant across the subnormals", () => {
    expect(ulpOf(1, 'float64')).toBe(2 ** -52);
    expect(ulpOf(1.99, 'float32')).toBe(2 ** -23);
    expect(ulpOf(2 ** -20, 'float16')).toBe(2 ** -24);
    expect(ulpOf(0, 'bfloat16')).toBe(2 ** -133);
  });
});
