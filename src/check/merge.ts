/**
 * `losscheck merge` (spec/formats.md#MRG-1..3): the shard reports of one run (`check --shard I/N`)
 * put back into the report of the unsharded run. Every shard must be there once, from the same
 * run; the results are dealt back to their positions in the plan, and the plan's digest proves
 * them disjoint and complete. The manifest is applied again to the whole, as the unsharded run
 * applies it, so that the verdict and every count are the unsharded run's.
 */
import { UsageError } from '../case/errors.js';
import type { CheckReport, CheckResult } from '../report/types.js';
import { Coverage } from './coverage.js';
import { ErrorCounts } from './errorCounts.js';
import { applyManifest, auditedVerdict } from './audit.js';
import { idsDigest } from './plan.js';
import { RegimeCounts, shortfalls } from './regimeCounts.js';
import { summarise, verdictOf } from './run.js';

export interface ShardReport {
  readonly file: string;
  readonly report: CheckReport;
}

/** What every shard of one run shares (MRG-1), each as it is compared. */
const SAME_RUN: readonly [string, (r: CheckReport) => unknown][] = [
  ['version', (r) => r.version],
  ['implementation', (r) => r.implementation],
  ['level', (r) => r.level],
  ['seed', (r) => r.seed],
  ['runs', (r) => r.runs],
  ['scope', (r) => r.scope],
  ['require', (r) => r.require],
  ['minCoverage', (r) => r.minCoverage ?? null],
  ['corpus', (r) => r.corpus.digest],
  ['manifest', (r) => r.manifest?.deviations ?? null],
  ['plan', (r) => r.plan],
];

const shardName = (r: CheckReport): string => `${r.shard?.index ?? 1}/${r.shard?.count ?? 1}`;

/** Each input is a check report of this format, with its plan (REP-1). */
function checkShape({ file, report }: ShardReport): void {
  const r = report as Partial<CheckReport> | null;
  if (r?.tool !== 'losscheck' || !Array.isArray(r.results))
    throw new UsageError(`merge: ${file} is not a losscheck check report (REP-1)`);
  if (!r.plan || !r.scope || !r.corpus || !r.regimes || !r.errors)
    throw new UsageError(
      `merge: ${file} has no plan, scope, corpus, regimes or errors: written by an older losscheck (MRG-1)`,
    );
}

/** Every shard from the same run as the first (MRG-1). */
function checkSameRun(shards: readonly ShardReport[]): void {
  const [first] = shards;
  for (const other of shards.slice(1))
    for (const [field, of] of SAME_RUN) {
      const [a, b] = [JSON.stringify(of(first!.report)), JSON.stringify(of(other.report))];
      if (a !== b)
        throw new UsageError(
          `merge: ${first!.file} and ${other.file} are not shards of one run: their ${field} differs (${a} and ${b}) (MRG-1)`,
        );
    }
}

/** The shards by index, each once, none missing (MRG-2). */
function byIndex(shards: readonly ShardReport[]): CheckReport[] {
  const count = shards[0]!.report.shard?.count ?? 1;
  const slots: (ShardReport | undefined)[] = Array.from({ length: count });
  for (const s of shards) {
    if ((s.report.shard?.count ?? 1) !== count)
      throw new UsageError(
        `merge: ${shards[0]!.file} is shard ${shardName(shards[0]!.report)}, ${s.file} is shard ${shardName(s.report)} (MRG-2)`,
      );
    const i = (s.report.shard?.index ?? 1) - 1;
    const taken = slots[i];
    if (taken)
      throw new UsageError(
        `merge: shards overlap: shard ${shardName(s.report)} is both ${taken.file} and ${s.file} (MRG-2)`,
      );
    slots[i] = s;
  }
  const missing = slots.flatMap((s, i) => (s ? [] : [`${i + 1}/${count}`]));
  if (missing.length > 0) {
    const given = shards.map((s) => `${shardName(s.report)} ${s.file}`).join(', ');
    throw new UsageError(
      `merge: shard ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing (given: ${given}) (MRG-2)`,
    );
  }
  return slots.map((s) => s!.report);
}

/** A result as it was before the manifest made it `xfail` (CHK-4), so that the manifest applies again. */
function unexpected(r: CheckResult): CheckResult {
  if (r.status !== 'xfail') return r;
  const { reason: _, ...failure } = r;
  return { ...failure, status: 'fail' };
}

/** Position p of the plan holds shard (p mod N)'s result number ⌊p / N⌋ (CHK-5). */
function interleave(shards: readonly CheckReport[], tasks: number): CheckResult[] {
  const n = shards.length;
  shards.forEach((s, i) => {
    const expected = Math.ceil((tasks - i) / n);
    if (s.results.length !== expected)
      throw new UsageError(
        `merge: shard ${i + 1}/${n} holds ${s.results.length} results where the plan gives it ${expected} (MRG-2)`,
      );
  });
  return Array.from({ length: tasks }, (_, p) => unexpected(shards[p % n]!.results[Math.floor(p / n)]!));
}

/** Merge the shard reports of one run into the report of the whole run (MRG-1..3). */
export function mergeReports(inputs: readonly ShardReport[]): CheckReport {
  if (inputs.length === 0) throw new UsageError('merge: no report given');
  inputs.forEach(checkShape);
  checkSameRun(inputs);
  const shards = byIndex(inputs);
  const first = shards[0]!;
  const raw = interleave(shards, first.plan.tasks);
  if (idsDigest(raw.map((r) => r.check)) !== first.plan.digest)
    throw new UsageError(`merge: the shards' checks are not the run's plan: a shard was altered (MRG-2)`);
  const { results, audit } = applyManifest(raw, first.manifest);
  const coverage = new Coverage();
  const [regimes, errors] = [new RegimeCounts(), new ErrorCounts()];
  for (const s of shards) {
    coverage.add(s.notOffered);
    regimes.add(s.regimes);
    errors.add(s.errors);
  }
  const summary = summarise(results);
  const counted = regimes.list();
  const short = first.minCoverage === undefined ? [] : shortfalls(counted, first.minCoverage);
  const { shard: _shard, interrupted: _interrupted, gaveUp: _gaveUp, ...run } = first;
  const stoppedBy = shards.find((s) => s.gaveUp)?.gaveUp;
  return {
    ...run,
    verdict: auditedVerdict(verdictOf(summary, short), audit, first.manifest),
    summary,
    results,
    notOffered: coverage.list(),
    regimes: counted,
    errors: errors.list(),
    ...(first.minCoverage !== undefined && { shortfalls: short }),
    staleManifestEntries: audit.stale,
    expiredManifestEntries: audit.expired,
    wrongReasonFailures: audit.wrongReason,
    unexpectedPasses: audit.unexpectedPass,
    seconds: shards.reduce((sum, s) => sum + s.seconds, 0),
    ...(shards.some((s) => s.interrupted) && { interrupted: true as const }),
    ...(stoppedBy !== undefined && { gaveUp: stoppedBy }),
  };
}
