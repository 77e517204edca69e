/**
 * Typed errors for users. A `LossInputError` says which field of which case broke which clause;
 * the CLI prints its message alone, never a stack trace (spec/formats.md#FMT-4).
 */

/** Why a case was rejected: one code per kind of violation (FMT-4). */
export type LossInputErrorCode =
  | 'malformed'
  | 'unknown_field'
  | 'unknown_loss'
  | 'unknown_dtype'
  | 'unknown_profile'
  | 'unknown_value'
  | 'shape_mismatch'
  | 'label_out_of_range'
  | 'label_not_integer'
  | 'smoothing_out_of_range'
  | 'probability_out_of_range'
  | 'not_representable'
  | 'not_finite'
  | 'not_defined_by_profile';

/** A case that the profile (or the case format) says is invalid. */
export class LossInputError extends Error {
  override readonly name = 'LossInputError';

  constructor(
    readonly code: LossInputErrorCode,
    /** The offending field, with an element index where there is one: `target[1]`. */
    readonly field: string,
    /** The spec clause that the value violates: `CE-2.2`. */
    readonly clause: string,
    detail: string,
  ) {
    super(`${field}: ${detail} (${clause})`);
  }
}

/** A case the implementation does not implement: reported as skipped, not as a failure (FMT-3). */
export class UnsupportedCaseError extends Error {
  override readonly name = 'UnsupportedCaseError';
}

/** Arguments or files that make a command unusable: exit code 2 (spec/formats.md#CLI-2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
