/**
 * The unit of work of a conformance run: one property check, or one saved counterexample replayed
 * through the check it failed. Each runs alone from its seed, so a run's results do not depend on
 * where or in which order its tasks ran (spec/formats.md#CHK-2, CHK-10).
 */
import fc from 'fast-check';
import type { CheckContext, PropertyCheck } from '../../properties/families/family.js';
import type { CheckResult, ErrorCount, NotOffered, RegimeCount } from '../report/types.js';
import { replayFamily, replayId, type CorpusEntry } from './corpus.js';
import { Coverage } from './coverage.js';
import { ErrorCounts } from './errorCounts.js';
import { runProperty } from './property.js';
import { RegimeCounts } from './regimeCounts.js';
import { resultFacts } from './failureFacts.js';
import { searchWorst, whyNotSearched, type WorstOutcome } from './worst.js';

export type CheckTask =
  { readonly kind: 'property'; readonly index: number } | { readonly kind: 'corpus'; readonly entry: CorpusEntry };

/** What every task of a run shares. */
export interface TaskSettings {
  readonly seed: number;
  readonly runs: number;
  /** Stops a task between two inputs (CLI-8). */
  readonly signal?: AbortSignal | undefined;
  /** Evaluations of each failure's search for its worst counterexample (REP-10); 0 or absent: none. */
  readonly worstBudget?: number | undefined;
}

/** Replay a saved counterexample through the check it failed, once. */
async function replayEntry(
  entry: CorpusEntry,
  checks: readonly PropertyCheck<unknown>[],
  ctx: CheckContext,
  signal: AbortSignal | undefined,
): Promise<CheckResult> {
  const started = performance.now();
  const check = checks.find((c) => c.id === entry.check);
  const base = {
    check: replayId(entry),
    family: replayFamily(entry),
    clauses: check?.clauses ?? [],
    runs: 1,
    counterexample: entry.case,
    seed: entry.seed,
    path: entry.path,
  };
  if (!check)
    return {
      ...base,
      status: 'skip',
      skipped: 1,
      reason: `${entry.file}: no check ${entry.check} in this run`,
      seconds: 0,
    };
  const property: PropertyCheck<unknown> = { ...check, arbitrary: fc.constant(entry.input ?? entry.case), runs: 1 };
  const result = await runProperty(property, ctx, { seed: 0, numRuns: 1, signal });
  return {
    ...base,
    status: result.status,
    skipped: result.skipped,
    message: result.message,
    ulps: result.ulps,
    bits: result.bits,
    reason: result.reason,
    ...(result.kind && { kind: result.kind }),
    ...(result.value && { value: result.value }),
    ...(result.fault && { fault: result.fault }),
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * A task's result, the outputs it found not offered, its generated cases by regime and its errors
 * (each merged in the order of tasks).
 */
export interface TaskOutcome {
  readonly result: CheckResult;
  readonly notOffered: NotOffered[];
  readonly regimes: RegimeCount[];
  readonly errors: ErrorCount[];
}

/** Run one task against the run's checks (selectChecks's list, in its order). */
export async function runTask(
  task: CheckTask,
  checks: readonly PropertyCheck<unknown>[],
  shared: Omit<CheckContext, 'coverage'>,
  settings: TaskSettings,
): Promise<TaskOutcome> {
  const coverage = new Coverage();
  const [regimes, errors] = [new RegimeCounts(), new ErrorCounts()];
  const ctx: CheckContext = { ...shared, coverage };
  const result =
    task.kind === 'corpus'
      ? await replayEntry(task.entry, checks, ctx, settings.signal)
      : await runProperty(checks[task.index]!, ctx, {
          seed: settings.seed,
          numRuns: settings.runs,
          signal: settings.signal,
          regimes,
          errors,
        });
  const inputIsCase = task.kind === 'property' || task.entry.input === undefined;
  const described = inputIsCase ? { ...result, ...resultFacts(result, ctx.level) } : result;
  const found =
    task.kind === 'property'
      ? await worstOf(checks[task.index]!, described, shared, settings)
      : described.status === 'fail' && { noWorst: 'not searched: a saved counterexample, replayed (CHK-3)' };
  const final = found ? { ...described, ...found } : described;
  return { result: final, notOffered: coverage.list(), regimes: regimes.list(), errors: errors.list() };
}

/** REP-10's search from a failure's counterexample, on a context that records nothing (coverage, regimes, errors). */
async function worstOf(
  check: PropertyCheck<unknown>,
  r: CheckResult,
  shared: Omit<CheckContext, 'coverage'>,
  settings: TaskSettings,
): Promise<WorstOutcome | undefined> {
  if (r.status !== 'fail') return undefined;
  const why = whyNotSearched(r, check);
  if (why !== undefined) return { noWorst: why };
  if (!settings.worstBudget) return { noWorst: 'not searched: a budget of 0 (--worst-budget)' };
  const { seed, worstBudget: budget, signal } = settings;
  return searchWorst(
    check,
    shared,
    { input: r.input ?? r.counterexample, kind: r.kind! },
    { seed, budget, level: shared.level, signal },
  );
}
