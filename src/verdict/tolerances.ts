/**
 * Tolerance constants and comparisons of spec/tolerance.md, defined once.
 */
import type { Dtype } from '../case/types.js';

/** TOL-5: the seed notes truncate their values to four decimal places. */
export const NOTES_TRUNCATION_UNIT = 1e-4;

/** TOL-5: `value` is what the notes would write, truncated to four places, as `given`. */
export function matchesNotes(value: number, given: number): boolean {
  return value >= given && value < given + NOTES_TRUNCATION_UNIT;
}

/** TOL-4: condition numbers are estimates, reported and compared to three significant digits. */
export const CONDITION_DIGITS = 3;

/** TOL-4: two condition-number estimates agree to CONDITION_DIGITS significant digits. */
export function conditionAgrees(a: number, b: number): boolean {
  return a.toPrecision(CONDITION_DIGITS) === b.toPrecision(CONDITION_DIGITS);
}

/** TOL-FW: torch.testing.assert_close's default rtol and atol per dtype. */
export const FRAMEWORK_TOLERANCE: Readonly<Record<Dtype, { readonly rtol: number; readonly atol: number }>> = {
  float64: { rtol: 1e-7, atol: 1e-7 },
  float32: { rtol: 1.3e-6, atol: 1e-5 },
  float16: { rtol: 1e-3, atol: 1e-5 },
  bfloat16: { rtol: 1.6e-2, atol: 1e-5 },
};

/** TOL-FW: `actual` is as close to `expected` as assert_close requires. */
export function frameworkClose(actual: number, expected: number, dtype: Dtype): boolean {
  if (Number.isNaN(expected) || Number.isNaN(actual)) return Number.isNaN(expected) && Number.isNaN(actual);
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return actual === expected;
  const { rtol, atol } = FRAMEWORK_TOLERANCE[dtype];
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}
