import { describe, expect, it } from 'vitest';
import { NeumaierSum, neumaierSum, recursiveSum } from '../../src/numeric/sum.js';

describe('recursiveSum', () => {
  it('should round after every addition in the working precision', () => {
    // In float32, 1 + 2^-25 rounds back to 1 each time; in binary64 the small terms survive.
    const values = [1, 2 ** -25, 2 ** -25, 2 ** -25, 2 ** -25];
    expect(recursiveSum(values, Math.fround)).toBe(1);
    expect(recursiveSum(values, (x) => x)).toBe(1 + 2 ** -23);
  });
});

describe('neumaierSum', () => {
  it('should keep what recursive summation cancels away', () => {
    expect(recursiveSum([1, 1e100, 1, -1e100], (x) => x)).toBe(0);
    expect(neumaierSum([1, 1e100, 1, -1e100])).toBe(2);
  });

  it('should return a non-finite running sum as it is', () => {
    expect(neumaierSum([1, Infinity, 2])).toBe(Infinity);
    expect(new NeumaierSum().add(-Infinity).add(1).value()).toBe(-Infinity);
  });
});
