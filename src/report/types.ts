/**
 * The conformance report (DESIGN: contract; spec/formats.md#REP-1): the JSON `check --json`
 * writes, and what every other report is rendered from.
 */
import type { FailedValue } from '../../properties/families/family.js';
import type { FaultKind } from '../case/errors.js';
import type { Manifest } from '../check/manifest.js';
import type { Attribution } from '../verdict/attribution.js';
import type { FailureKind } from '../verdict/kinds.js';
import type { LevelName } from '../verdict/levels.js';
import type { Regime } from '../verdict/regimes.js';

/** `notrun`: the run stopped before the check (interrupted, or the implementation given up on). */
export type CheckStatus = 'pass' | 'fail' | 'skip' | 'xfail' | 'error' | 'notrun';

export interface CheckResult {
  /** The check's id: `family/.../loss/dtype/profile`, `spec/NAME`, or `corpus/CHECK` for a replayed counterexample. */
  readonly check: string;
  readonly family: string;
  readonly clauses: readonly string[];
  readonly status: CheckStatus;
  /** Inputs judged, and how many of them were skipped (unsupported, reference undetermined). */
  readonly runs: number;
  readonly skipped: number;
  /** A failure (and an xfail): the shrunk case, and how to replay it (CHK-2). */
  readonly counterexample?: Record<string, unknown>;
  /** The whole shrunk input when it is more than the case (an invariant's related cases: CHK-3). */
  readonly input?: unknown;
  readonly seed?: number;
  readonly path?: string;
  readonly message?: string;
  readonly ulps?: number;
  readonly bits?: number;
  /** A failure (and an xfail): what kind of failure (REP-7). */
  readonly kind?: FailureKind;
  /** A failure with a counterexample saved beside the reports: the command that replays it (REP-8). */
  readonly reproduce?: string;
  /** The counterexample's worst value, when a value was wrong. */
  readonly value?: FailedValue;
  /** A failure that was no answer, or not a result (spec/formats.md#FMT-5.3): its kind. */
  readonly fault?: FaultKind;
  /** A failed value of the counterexample: κ of the case there (TOL-4, REP-10). */
  readonly condition?: number;
  /** A failed value, beyond the level or non-finite: whose failure it is (TOL-ATTR, REP-10). */
  readonly attribution?: Attribution;
  /** The worst failing input of the same check found by REP-10's search, when one was made. */
  readonly worst?: WorstCounterexample;
  /** A failure without `worst`: why its minimal counterexample is all there is (REP-10.4). */
  readonly noWorst?: string;
  /** xfail: the manifest's reason; skip and notrun: why. */
  readonly reason?: string;
  readonly seconds: number;
}

/**
 * The worst counterexample of a failure (REP-10): the failing input of the same check, reached
 * from the minimal by a search of `evaluations` inputs, whose failing value errs by the most bits.
 */
export interface WorstCounterexample {
  readonly counterexample: Record<string, unknown>;
  /** The check's whole input when it holds more than the case (an invariant's related cases). */
  readonly input?: unknown;
  readonly message: string;
  readonly kind: FailureKind;
  readonly ulps?: number;
  readonly bits?: number;
  readonly value?: FailedValue;
  readonly condition?: number;
  readonly attribution?: Attribution;
  readonly evaluations: number;
  /** The command that replays it, when the run wrote a report (REP-8: its `-worst.json` file). */
  readonly reproduce?: string;
}

/**
 * An output the implementation did not offer for a loss and dtype: declined (`supports`, an
 * `unsupported` result) or absent from its results (CHK-9). `output: "loss"` means cases of that
 * loss and dtype were declined whole. Coverage, not a failure.
 */
export interface NotOffered {
  readonly loss: string;
  readonly dtype: string;
  readonly output: string;
  /** The implementation's reasons (at most three distinct ones). */
  readonly reasons: readonly string[];
}

/** What a run covered (CI-5): with the version, seed and runs, what makes two runs the same run. */
export interface RunScope {
  readonly profiles: readonly string[];
  readonly losses: readonly string[];
  readonly dtypes: readonly string[];
  readonly families: readonly string[];
}

/** The cases judged of one loss and dtype, and how many fell in each regime (REG-3). */
export interface RegimeCount {
  readonly loss: string;
  readonly dtype: string;
  /** Cases judged (not skipped). */
  readonly cases: number;
  /** Every regime the loss can be in (REG-1), with its count, 0 included. */
  readonly regimes: Readonly<Partial<Record<Regime, number>>>;
}

/**
 * The values of one loss, dtype and output judged against the reference, by bits of error:
 * `counts[k]` values had ⌈log2(1 + ULPs)⌉ = k (REP-1 `errors`; trailing zeros left out).
 */
export interface ErrorCount {
  readonly loss: string;
  readonly dtype: string;
  readonly output: string;
  readonly counts: readonly number[];
}

/** A regime that got fewer cases than `--min-coverage` asked for (REG-3). */
export interface Shortfall {
  readonly loss: string;
  readonly dtype: string;
  readonly regime: Regime;
  readonly cases: number;
}

export interface CheckReport {
  readonly tool: 'losscheck';
  readonly version: string;
  readonly implementation: string;
  /** The `--impl` text, where it is not `implementation` (a `module:PATH` names itself): what a replay line passes. */
  readonly impl?: string;
  readonly level: LevelName;
  readonly seed: number;
  readonly runs: number;
  readonly scope: RunScope;
  /** `--shard I/N` (CHK-5), 1-based as given; absent for a whole run (a merged one included). */
  readonly shard?: { readonly index: number; readonly count: number };
  /** The whole run's tasks (every shard's): their count and the digest of their ids in order (CHK-5). */
  readonly plan: { readonly tasks: number; readonly digest: string };
  /** The corpus replayed (CHK-3): the digest of its files and their count. */
  readonly corpus: { readonly digest: string; readonly entries: number };
  readonly verdict: 'conformant' | 'nonconformant';
  readonly summary: Readonly<Record<CheckStatus, number>>;
  readonly results: readonly CheckResult[];
  /** Outputs whose absence fails (`--require`, CHK-9). */
  readonly require: readonly string[];
  /** What the implementation did not offer: coverage, not failures (CHK-9). */
  readonly notOffered: readonly NotOffered[];
  /** The manifest the run applied (CHK-4), with the file and digest it was read from. */
  readonly manifest?: Manifest & { readonly file?: string; readonly digest?: string };
  /** Coverage by regime: the cases judged per loss and dtype, and per regime (REG-3). */
  readonly regimes: readonly RegimeCount[];
  /** Every value judged against the reference, by bits of error (the histograms). */
  readonly errors: readonly ErrorCount[];
  /** `--min-coverage N`, when given, and the regimes that got fewer cases (REG-3). */
  readonly minCoverage?: number;
  readonly shortfalls?: readonly Shortfall[];
  /** Manifest entries that matched no failure: deviations fixed since (stale; CHK-4.1). */
  readonly staleManifestEntries: readonly string[];
  /** Manifest entries past their `expires` date: they excuse nothing and fail the run (CHK-4.1). */
  readonly expiredManifestEntries: readonly string[];
  /** Failures of a check the manifest names that are not the failure its entry names (CHK-4.1). */
  readonly wrongReasonFailures: readonly string[];
  /** Manifest entries whose pinned counterexample passed when replayed: deviations fixed (CHK-4.1). */
  readonly unexpectedPasses: readonly string[];
  readonly seconds: number;
  /** The run was interrupted (CLI-8): the results are those found so far. */
  readonly interrupted?: true;
  /** Why the implementation was given up on (FMT-5.4), when it was. */
  readonly gaveUp?: string;
}
