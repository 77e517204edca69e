/**
 * `losscheck check` (spec/formats.md#CHK-1): the spec's cases, the corpus, then every property
 * family in scope, against the certified reference under a level; a report and a verdict.
 */
import fc from 'fast-check';
import type { Implementation } from '../adapters/types.js';
import type { CheckContext, PropertyCheck, Scope } from '../../properties/families/family.js';
import { FAMILIES } from '../../properties/suite.js';
import { GaveUpError, InterruptedError } from '../case/errors.js';
import type { ReferenceEngine } from '../reference/arithmetic.js';
import { noStatuses } from '../report/summary.js';
import type { CheckReport, CheckResult, CheckStatus } from '../report/types.js';
import type { LevelName } from '../verdict/levels.js';
import { Coverage } from './coverage.js';
import { loadCorpus, saveFailure, type CorpusEntry } from './corpus.js';
import { expectations } from './expectations.js';
import { applyManifest, type Manifest } from './manifest.js';
import { runProperty } from './property.js';

/** Generated cases per property when `--runs` is not given. */
export const DEFAULT_RUNS = 20;

export interface CheckRunOptions {
  readonly impl: Implementation;
  readonly engine: ReferenceEngine;
  readonly level: LevelName;
  readonly scope: Scope;
  readonly families: readonly string[];
  readonly runs: number;
  readonly seed: number;
  readonly manifest?: Manifest | undefined;
  /** Outputs whose absence fails (`--require`, CHK-9). */
  readonly require?: readonly string[] | undefined;
  readonly corpus?: string | undefined;
  /** `[index, count]`: run the checks whose position modulo count is index (CHK-5). */
  readonly shard?: readonly [number, number] | undefined;
  /** Run only the checks whose id matches (the same checks, seeds and results as in a full run). */
  readonly only?: RegExp | undefined;
  /** Called after each check, for progress. */
  readonly onResult?: (result: CheckResult, done: number, total: number) => void;
  /** Ends the run early (CLI-8): the checks not run are reported as such. */
  readonly signal?: AbortSignal | undefined;
}

/** The checks of the selected families, in a stable order, sharded. */
export function selectChecks(
  families: readonly string[],
  scope: Scope,
  shard?: readonly [number, number],
  only?: RegExp,
): PropertyCheck<unknown>[] {
  const all = families.flatMap((name) => FAMILIES[name]!(scope));
  const sharded = shard ? all.filter((_, i) => i % shard[1] === shard[0]) : all;
  return only ? sharded.filter((check) => only.test(check.id)) : sharded;
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
    check: `corpus/${entry.check}`,
    family: 'corpus',
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
    ...(result.fault && { fault: result.fault }),
    seconds: (performance.now() - started) / 1000,
  };
}

function summarise(results: readonly CheckResult[]): Record<CheckStatus, number> {
  const summary = noStatuses();
  for (const r of results) summary[r.status]++;
  return summary;
}

/** A check the run did not reach (CLI-8, FMT-5.4). */
const notRun = (check: Pick<CheckResult, 'check' | 'family' | 'clauses'>, reason: string): CheckResult => ({
  ...check,
  status: 'notrun',
  runs: 0,
  skipped: 0,
  reason,
  seconds: 0,
});

/** Run a conformance check; the caller writes reports and picks the exit code from the verdict. */
export async function runCheck(options: CheckRunOptions, version: string): Promise<CheckReport> {
  const started = performance.now();
  const coverage = new Coverage();
  const require = options.require ?? [];
  const ctx: CheckContext = {
    impl: options.impl,
    level: options.level,
    expect: expectations({ engine: options.engine }),
    require,
    coverage,
  };
  const checks = selectChecks(options.families, options.scope, options.shard, options.only);
  const corpus = options.corpus ? loadCorpus(options.corpus) : [];
  const raw: CheckResult[] = [];
  const total = corpus.length + checks.length;
  const record = (result: CheckResult) => {
    raw.push(result);
    options.onResult?.(result, raw.length, total);
  };
  let stopped: GaveUpError | InterruptedError | undefined;
  try {
    for (const entry of corpus) record(await replayEntry(entry, checks, ctx, options.signal));
    for (const check of checks) {
      const result = await runProperty(check, ctx, {
        seed: options.seed,
        numRuns: options.runs,
        signal: options.signal,
      });
      if (result.status === 'fail' && options.corpus) saveFailure(options.corpus, result);
      record(result);
    }
  } catch (e) {
    if (!(e instanceof GaveUpError || e instanceof InterruptedError)) throw e;
    stopped = e;
    const planned = [
      ...corpus.map((entry) => ({ check: `corpus/${entry.check}`, family: 'corpus', clauses: [] })),
      ...checks.map((check) => ({ check: check.id, family: check.family, clauses: check.clauses })),
    ];
    raw.push(...planned.slice(raw.length).map((check) => notRun(check, e.message)));
  }
  const { results, stale } = applyManifest(raw, options.manifest);
  const summary = summarise(results);
  return {
    tool: 'losscheck',
    version,
    implementation: options.impl.name,
    level: options.level,
    seed: options.seed,
    runs: options.runs,
    verdict: summary.fail + summary.error + summary.notrun === 0 ? 'conformant' : 'nonconformant',
    summary,
    results,
    require,
    notOffered: coverage.list(),
    staleManifestEntries: stale,
    seconds: (performance.now() - started) / 1000,
    ...(stopped instanceof InterruptedError && { interrupted: true as const }),
    ...(stopped instanceof GaveUpError && { gaveUp: stopped.message }),
  };
}
