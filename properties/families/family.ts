/**
 * The shape of a property family (spec/tolerance.md#TOL-LEVEL): written once, parametrised by
 * the implementation under test, which it reaches only through `CheckContext`.
 */
import type fc from 'fast-check';
import type { Implementation } from '../../src/adapters/types.js';
import type { FaultKind } from '../../src/case/errors.js';
import type { Dtype, LossName, LossValues, OutputName, ProfileName } from '../../src/case/types.js';
import type { ValidCase } from '../../src/case/validate.js';
import type { Coverage } from '../../src/check/coverage.js';
import type { FailureKind } from '../../src/verdict/kinds.js';
import type { LevelName } from '../../src/verdict/levels.js';

export type CaseJson = Record<string, unknown>;

/** The certified outcome of a case: its values, the profile's rejection, or no certainty. */
export type Expected =
  | { readonly kind: 'values'; readonly case: ValidCase; readonly values: LossValues }
  | { readonly kind: 'error'; readonly code: string; readonly message: string }
  | { readonly kind: 'undetermined'; readonly message: string };

/** What every check runs with. */
export interface CheckContext {
  readonly impl: Implementation;
  readonly level: LevelName;
  /** The certified reference's outcome for a case (cached). */
  expect(json: CaseJson): Promise<Expected>;
  /** Outputs whose absence is a failure (`--require`); any other may be not offered (CHK-9). */
  readonly require?: readonly string[];
  /** Where the outputs not offered are recorded (CHK-9, REP-1). */
  readonly coverage?: Coverage;
  /** Told every value compared with the reference, for the report's histograms (REP-1 `errors`). */
  readonly observe?: (c: ValidCase, values: readonly { readonly output: OutputName; readonly ulps: number }[]) => void;
}

/**
 * The value a failure is about: which output and element, what came, what was due (RN(y), or the
 * profile's special value), as FMT-1 numbers ("NaN", "Infinity", "-0"), so that JSON keeps them.
 */
export interface FailedValue {
  readonly output: OutputName;
  readonly index: number;
  readonly actual: number | string;
  readonly expected: number | string;
}

export type Judgement =
  | { readonly status: 'pass' }
  | { readonly status: 'skip'; readonly reason: string }
  | {
      readonly status: 'fail';
      readonly message: string;
      /** What kind of failure, decided here rather than read back from the message (REP-7). */
      readonly kind: FailureKind;
      readonly ulps?: number;
      readonly bits?: number;
      /** The worst value, when a value was wrong. */
      readonly value?: FailedValue;
      /** An answer that is not a result for the case (FMT-5.3): its kind, for the summary. */
      readonly fault?: FaultKind | undefined;
    };

/** One property: an arbitrary of inputs and a judgement of each input. */
export interface PropertyCheck<I = CaseJson> {
  /** `family/loss/dtype/profile`: stable, used by manifests and the corpus. */
  readonly id: string;
  readonly family: string;
  /** The spec clauses the property checks. */
  readonly clauses: readonly string[];
  readonly arbitrary: fc.Arbitrary<I>;
  /** The case a failing input is reported as (the first, when an input holds several). */
  caseOf(input: I): CaseJson;
  judge(input: I, ctx: CheckContext): Promise<Judgement>;
  /**
   * An input that holds more than its case (an invariant's related cases), formed again at
   * another case of the same shape and options: REP-10.1's search moves through these. Undefined
   * where the relation cannot be formed there; absent when the related cases are not formed from
   * the case alone (the search does not move).
   */
  inputAt?(input: I, json: CaseJson): I | undefined;
  /** Runs for a heavy property (big rows), instead of the run's default. */
  readonly runs?: number;
}

/** Which part of the spec a run covers (`--loss`, `--dtype`, `--profile`). */
export interface Scope {
  readonly losses: readonly LossName[];
  readonly dtypes: readonly Dtype[];
  readonly profiles: readonly ProfileName[];
}

/** A family builds its checks for a scope. */
export type Family = (scope: Scope) => PropertyCheck<unknown>[];
