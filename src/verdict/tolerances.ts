/**
 * Tolerance constants and comparisons of spec/tolerance.md, defined once.
 */

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
