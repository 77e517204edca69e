/**
 * What kind of failure a failing judgement is (spec/formats.md#REP-7): decided where the
 * judgement is made — a value against the reference, a rejection, a missing output, a fault —
 * and carried to the report as a field, never read back from a message.
 */

/** The kinds, in the order reports group them. */
export type FailureKind =
  /** NaN or ±∞ where the exact value is finite (TOL-LEVEL.2) */
  | 'non-finite'
  /** a finite value farther from the exact one than the level allows (TOL-LEVEL.3..6, TOL-REL.2) */
  | 'beyond-level'
  /** an error result for a case the profile defines (FMT-3, CHK-1) */
  | 'rejected-valid'
  /** values for a case the profile rejects (CHK-6) */
  | 'accepted-invalid'
  /** an output absent, of the wrong length, or required and not offered (FMT-3, CHK-9) */
  | 'missing-output'
  /** a special value the profile defines (NaN, ±∞) not matched (TOL-LEVEL.2) */
  | 'semantic'
  /** no answer, or an answer that is not a result (FMT-5.3) */
  | 'fault';

export const FAILURE_KINDS: readonly FailureKind[] = [
  'non-finite',
  'beyond-level',
  'rejected-valid',
  'accepted-invalid',
  'missing-output',
  'semantic',
  'fault',
];

/** The kind of one value that fails its level (TOL-LEVEL.2 decides the specials first). */
export function valueFailureKind(actual: number, expected: number): 'non-finite' | 'semantic' | 'beyond-level' {
  if (!Number.isFinite(expected)) return 'semantic';
  return Number.isFinite(actual) ? 'beyond-level' : 'non-finite';
}
