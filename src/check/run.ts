/**
 * `losscheck check` (spec/formats.md#CHK-1): the spec's cases, the corpus, then every property
 * family in scope, against the certified reference under a level; a report and a verdict.
 */
import type { Implementation } from '../adapters/types.js';
import type { PropertyCheck, Scope } from '../../properties/families/family.js';
import { GaveUpError, InterruptedError } from '../case/errors.js';
import type { ReferenceEngine } from '../reference/arithmetic.js';
import { createReferenceEngine } from '../reference/engines.js';
import { noStatuses } from '../report/summary.js';
import type { CheckReport, CheckResult, CheckStatus, Shortfall } from '../report/types.js';
import type { LevelName } from '../verdict/levels.js';
import { Coverage } from './coverage.js';
import { ErrorCounts } from './errorCounts.js';
import { RegimeCounts, shortfalls } from './regimeCounts.js';
import { loadCorpus, replayFamily, saveFailure } from './corpus.js';
import { expectations } from './expectations.js';
import { applyManifest, auditedVerdict } from './audit.js';
import { pinnedCounterexamples, type Manifest } from './manifest.js';
import { planRun, selectChecks, taskId, type Shard } from './plan.js';
import { runOnPool } from './pool.js';
import { runTask, type CheckTask, type TaskOutcome } from './tasks.js';

/** Generated cases per property when `--runs` is not given. */
export const DEFAULT_RUNS = 20;

export interface CheckRunOptions {
  readonly impl: Implementation;
  /** The reference engine of checks run in this process (absent: one is made for the run). */
  readonly engine?: ReferenceEngine | undefined;
  readonly level: LevelName;
  readonly scope: Scope;
  readonly families: readonly string[];
  readonly runs: number;
  readonly seed: number;
  readonly manifest?: Manifest | undefined;
  /** Outputs whose absence fails (`--require`, CHK-9). */
  readonly require?: readonly string[] | undefined;
  /** The corpus replayed first (CHK-3). */
  readonly corpus?: string | undefined;
  /** Where each new shrunk failure is saved (CHK-3); absent in a gate run (CI-1). */
  readonly saveTo?: string | undefined;
  /** `[index, count]`: run the tasks whose position modulo count is index (CHK-5). */
  readonly shard?: Shard | undefined;
  /** Run only the checks whose id matches (the same checks, seeds and results as in a full run). */
  readonly only?: RegExp | undefined;
  /** Fail the run when a regime of a loss and dtype judged got fewer cases (`--min-coverage`, REG-3). */
  readonly minCoverage?: number | undefined;
  /** Evaluations of each failure's search for its worst counterexample (REP-10); 0 or absent: none. */
  readonly worstBudget?: number | undefined;
  /** Where the reference's outcomes of large cases are kept across runs (`--reference-cache`, CLI-9). */
  readonly referenceCache?: string | undefined;
  /** Called after each check, for progress. */
  readonly onResult?: (result: CheckResult, done: number, total: number) => void;
  /** Ends the run early (CLI-8): the checks not run are reported as such. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Spread the checks over `workers` threads (CHK-10), each resolving `impl` (the `--impl`
   * text) itself; absent or one worker: every check in this process, on `impl`.
   */
  readonly pool?: { readonly impl: string; readonly workers: number; readonly timeoutMs?: number | undefined };
}

/** The count of each status. */
export function summarise(results: readonly CheckResult[]): Record<CheckStatus, number> {
  const summary = noStatuses();
  for (const r of results) summary[r.status]++;
  return summary;
}

/** REP-1: conformant when no result failed, erred or was not run, and no regime fell short (REG-3). */
export const verdictOf = (
  summary: Readonly<Record<CheckStatus, number>>,
  short: readonly Shortfall[] = [],
): CheckReport['verdict'] =>
  summary.fail + summary.error + summary.notrun + short.length === 0 ? 'conformant' : 'nonconformant';

/** A check the run did not reach (CLI-8, FMT-5.4). */
const notRun = (check: Pick<CheckResult, 'check' | 'family' | 'clauses'>, reason: string): CheckResult => ({
  ...check,
  status: 'notrun',
  runs: 0,
  skipped: 0,
  reason,
  seconds: 0,
});

/** The outcomes of the tasks that ran, by task; the error that ended the run early, if one did. */
interface TasksRun {
  readonly outcomes: (TaskOutcome | undefined)[];
  readonly stopped?: GaveUpError | InterruptedError | undefined;
}

const endsEarly = (e: unknown): e is GaveUpError | InterruptedError =>
  e instanceof GaveUpError || e instanceof InterruptedError;

/** Every task in this process, in order, until one ends the run. */
async function runHere(
  options: CheckRunOptions,
  require: readonly string[],
  checks: readonly PropertyCheck<unknown>[],
  tasks: readonly CheckTask[],
  onOutcome: (outcome: TaskOutcome, task: number) => void,
): Promise<TasksRun> {
  const engine = options.engine ?? (await createReferenceEngine());
  const expect = expectations({ engine, referenceCache: options.referenceCache });
  const shared = { impl: options.impl, level: options.level, expect, require };
  const outcomes: (TaskOutcome | undefined)[] = [];
  try {
    for (const [i, task] of tasks.entries()) {
      outcomes[i] = await runTask(task, checks, shared, options);
      onOutcome(outcomes[i]!, i);
    }
    return { outcomes };
  } catch (e) {
    if (endsEarly(e)) return { outcomes, stopped: e };
    throw e;
  } finally {
    if (engine !== options.engine) engine.dispose();
  }
}

/** Every task on the pool (CHK-10), handed out in order. */
async function runPooled(
  options: CheckRunOptions,
  require: readonly string[],
  _checks: readonly PropertyCheck<unknown>[],
  tasks: readonly CheckTask[],
  onOutcome: (outcome: TaskOutcome, task: number) => void,
): Promise<TasksRun> {
  const { impl, workers, timeoutMs } = options.pool!;
  const { level, scope, families, seed, runs, worstBudget, referenceCache } = options;
  const setup = {
    impl,
    timeoutMs,
    level,
    scope,
    families,
    only: options.only?.source,
    require,
    seed,
    runs,
    worstBudget,
    referenceCache,
  };
  const outcomes: (TaskOutcome | undefined)[] = [];
  const record = (outcome: TaskOutcome, k: number) => {
    outcomes[k] = outcome;
    onOutcome(outcome, k);
  };
  try {
    await runOnPool(setup, tasks, workers, record, options.signal);
    return { outcomes };
  } catch (e) {
    if (endsEarly(e)) return { outcomes, stopped: e };
    throw e;
  }
}

/** Run a conformance check; the caller writes reports and picks the exit code from the verdict. */
export async function runCheck(options: CheckRunOptions, version: string): Promise<CheckReport> {
  const started = performance.now();
  const require = options.require ?? [];
  const checks = selectChecks(options.families, options.scope, options.only);
  const corpus = loadCorpus(options.corpus);
  const plan = planRun(checks, [...corpus.entries, ...pinnedCounterexamples(options.manifest)], options.shard);
  const tasks = plan.positions.map((p) => plan.tasks[p]!);
  let done = 0;
  const onOutcome = ({ result }: TaskOutcome) => {
    // A replay (of the corpus, or a manifest's pinned counterexample) is saved already: not a new failure.
    const replayed = result.family === 'corpus' || result.family === 'manifest';
    if (result.status === 'fail' && !replayed && options.saveTo) saveFailure(options.saveTo, result);
    options.onResult?.(result, ++done, tasks.length);
  };
  const pooled = options.pool !== undefined && options.pool.workers > 1;
  const { outcomes, stopped } = await (pooled ? runPooled : runHere)(options, require, checks, tasks, onOutcome);
  const coverage = new Coverage();
  const [regimes, errors] = [new RegimeCounts(), new ErrorCounts()];
  const raw = tasks.map((task, i) => {
    const outcome = outcomes[i];
    if (outcome) coverage.add(outcome.notOffered);
    if (outcome) regimes.add(outcome.regimes);
    if (outcome) errors.add(outcome.errors);
    if (outcome || !stopped) return outcome!.result;
    const check = task.kind === 'corpus' ? undefined : checks[task.index]!;
    return notRun(
      {
        check: taskId(task, checks),
        family: task.kind === 'corpus' ? replayFamily(task.entry) : check!.family,
        clauses: check?.clauses ?? [],
      },
      stopped.message,
    );
  });
  const { results, audit } = applyManifest(raw, options.manifest);
  const summary = summarise(results);
  const { profiles, losses, dtypes } = options.scope;
  const counted = regimes.list();
  const short = options.minCoverage === undefined ? [] : shortfalls(counted, options.minCoverage);
  return {
    tool: 'losscheck',
    version,
    implementation: options.impl.name,
    ...(options.pool && options.pool.impl !== options.impl.name && { impl: options.pool.impl }),
    level: options.level,
    seed: options.seed,
    runs: options.runs,
    scope: { profiles, losses, dtypes, families: options.families },
    ...(options.shard && { shard: { index: options.shard[0] + 1, count: options.shard[1] } }),
    plan: plan.summary,
    corpus: { digest: corpus.digest, entries: corpus.entries.length },
    verdict: auditedVerdict(verdictOf(summary, short), audit, options.manifest),
    summary,
    results,
    require,
    notOffered: coverage.list(),
    ...(options.manifest && { manifest: options.manifest }),
    regimes: counted,
    errors: errors.list(),
    ...(options.minCoverage !== undefined && { minCoverage: options.minCoverage, shortfalls: short }),
    staleManifestEntries: audit.stale,
    expiredManifestEntries: audit.expired,
    wrongReasonFailures: audit.wrongReason,
    unexpectedPasses: audit.unexpectedPass,
    seconds: (performance.now() - started) / 1000,
    ...(stopped instanceof InterruptedError && { interrupted: true as const }),
    ...(stopped instanceof GaveUpError && { gaveUp: stopped.message }),
  };
}
