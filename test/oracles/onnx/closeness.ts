/**
 * How ORT's outputs are compared with hand-computed values in these tests.
 */
import { expect } from 'vitest';
import type { Dtype } from '../../../src/case/types.js';
import { roundTo } from '../../../src/numeric/dtype.js';
import { frameworkClose } from '../../../src/verdict/tolerances.js';

/**
 * ORT's float64 graphs against float64 hand computations: a relative bound on the loss's natural
 * scale (max(|expected|, 1)); a few hundred ulps, room for the different summation orders.
 * TODO(tolerance.md): move this bound into the spec (an `ort` float64 level, or TOL-FW's float64 row).
 */
export const ORT_FLOAT64_RELATIVE = 1e-13;

export function expectFloat64Close(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    const a = actual[i]!;
    if (!Number.isFinite(e)) return void expect(a).toBe(e);
    expect(Math.abs(a - e), `[${i}] ${a} vs ${e}`).toBeLessThanOrEqual(ORT_FLOAT64_RELATIVE * Math.max(Math.abs(e), 1));
  });
}

/** Narrower dtypes: TOL-FW (framework closeness) against the hand value rounded into the dtype. */
export function expectFrameworkClose(actual: ArrayLike<number>, expected: readonly number[], dtype: Dtype): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    const rounded = roundTo(dtype)(e);
    expect(frameworkClose(actual[i]!, rounded, dtype), `[${i}] ${actual[i]} vs ${rounded} (${dtype})`).toBe(true);
  });
}
