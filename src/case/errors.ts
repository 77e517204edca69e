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
  | 'not_defined_by_profile'
  | 'option_out_of_range';

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

/**
 * What can go wrong with an implementation's answer rather than with its values
 * (spec/formats.md#FMT-5.3): the first four leave a process out of step with its cases, so it is
 * stopped and started again, and they count towards giving up on it (FMT-5.4).
 */
export type FaultKind =
  'timeout' | 'crash' | 'not-json' | 'wrong-id' | 'missing-field' | 'not-a-number' | 'wrong-length';

export const PROCESS_FAULTS: ReadonlySet<FaultKind> = new Set(['timeout', 'crash', 'not-json', 'wrong-id']);

/** An answer that is not a result, or no answer at all (FMT-5.3): a failure of the case it was for. */
export class ImplementationFault extends Error {
  override readonly name = 'ImplementationFault';
  /** The case the implementation was answering, as JSON (FMT-1), when known. */
  case?: Record<string, unknown>;

  constructor(
    readonly kind: FaultKind,
    message: string,
  ) {
    super(message);
  }
}

/** The implementation kept failing and was given up on (FMT-5.4): no further case is sent to it. */
export class GaveUpError extends Error {
  override readonly name = 'GaveUpError';
}

/** The run was interrupted (SIGINT or SIGTERM, spec/formats.md#CLI-8): stop and report what was found. */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';

  constructor(message = 'interrupted') {
    super(message);
  }

  /** The interruption a signal was aborted with, saying which signal came. */
  static from(signal: AbortSignal | undefined): InterruptedError {
    return signal?.reason instanceof InterruptedError ? signal.reason : new InterruptedError();
  }
}
