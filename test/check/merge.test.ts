/**
 * Shards and their merge (spec/formats.md#CHK-5, MRG-1..3): the shards of a run are disjoint and
 * together complete, and merging them gives the unsharded run's report, verdict and counts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtIn } from '../../src/losses/builtins.js';
import { createMpfrEngine } from '../../src/reference/mpfrEngine.js';
import type { CheckReport, CheckResult } from '../../src/report/types.js';
import { UsageError } from '../../src/case/errors.js';
import { mergeReports, type ShardReport } from '../../src/check/merge.js';
import { planRun, selectChecks, type Shard } from '../../src/check/plan.js';
import { runCheck, type CheckRunOptions } from '../../src/check/run.js';
import type { Manifest } from '../../src/check/manifest.js';
import { TEST_SEED } from '../setup.js';

const engine = await createMpfrEngine();
afterAll(() => engine.dispose());

const scope = {
  losses: ['softmax_cross_entropy', 'binary_cross_entropy_with_logits'],
  dtypes: ['float32'],
  profiles: ['torch'],
} as const;
const families = ['spec', 'agreement', 'invariants'];

/** Entries over checks that land in different shards: stale only in the shards their failures are not in. */
const manifest: Manifest = {
  deviations: [
    { check: 'agreement/*/float32/torch', reason: 'softmax, then log; sigmoid, then log' },
    { check: 'invariants/*/*/float32/torch', reason: 'one side of the relation overflows' },
    { check: 'spec/*', reason: 'textbook forms' },
  ],
};

const run = (over: Partial<CheckRunOptions> = {}) =>
  runCheck(
    { impl: builtIn('naive'), engine, level: 'stable', scope, families, runs: 5, seed: TEST_SEED, manifest, ...over },
    'test',
  );

/** A report without its timings. */
const essence = ({ seconds: _, results, ...r }: CheckReport) => ({
  ...r,
  results: results.map(({ seconds: _s, ...rest }: CheckResult) => rest),
});

const shardsOf = async (count: number, over: Partial<CheckRunOptions> = {}): Promise<ShardReport[]> => {
  const shards: ShardReport[] = [];
  for (let i = 0; i < count; i++)
    shards.push({ file: `shard-${i + 1}.json`, report: await run({ shard: [i, count], ...over }) });
  return shards;
};

describe('the plan of a run (CHK-5)', () => {
  it('should deal every task to exactly one shard, whatever the count', () => {
    const checks = selectChecks(families, scope);
    for (const count of [1, 2, 3, 7, checks.length + 3]) {
      const dealt = Array.from({ length: count }, (_, i) => planRun(checks, [], [i, count] as Shard).positions).flat();
      expect(dealt.sort((a, b) => a - b)).toEqual(checks.map((_, p) => p));
    }
  });
});

describe('losscheck merge (MRG-1..3)', () => {
  const corpus = join(mkdtempSync(join(tmpdir(), 'losscheck-merge-')), 'corpus');
  let whole: CheckReport;
  let shards: ShardReport[];
  beforeAll(async () => {
    await run({ corpus, saveTo: corpus, manifest: undefined }); // a corpus of naive's failures, which the runs below find again
    whole = await run({ corpus });
    shards = await shardsOf(3, { corpus });
  }, 180_000);

  it("should give the unsharded run's report: its results in order, verdict, counts and stale entries (MRG-3)", () => {
    expect(whole.corpus.entries).toBeGreaterThan(0);
    expect(whole.summary.xfail).toBeGreaterThan(0);
    expect(shards.every((s) => s.report.results.length < whole.results.length)).toBe(true);
    const merged = mergeReports(shards);
    expect(essence(merged)).toEqual(essence(whole));
    // Some shard saw an entry as stale that another shard's failures use: merging decides again.
    expect(shards.some((s) => s.report.staleManifestEntries.length > whole.staleManifestEntries.length)).toBe(true);
  });

  it('should merge in any order of its arguments', () => {
    expect(essence(mergeReports([...shards].reverse()))).toEqual(essence(mergeReports(shards)));
  });

  it('should fail loudly, naming it, when a shard is missing (MRG-2)', () => {
    expect(() => mergeReports([shards[0]!, shards[2]!])).toThrow(UsageError);
    expect(() => mergeReports([shards[0]!, shards[2]!])).toThrow(
      'merge: shard 2/3 is missing (given: 1/3 shard-1.json, 3/3 shard-3.json) (MRG-2)',
    );
  });

  it('should refuse shards that overlap', () => {
    const again = { ...shards[1]!, file: 'copy.json' };
    expect(() => mergeReports([...shards, again])).toThrow(
      /shards overlap: shard 2\/3 is both shard-2.json and copy.json/,
    );
  });

  it('should refuse shards of another run: another seed, scope, version or corpus (MRG-1)', () => {
    const other = (change: Partial<CheckReport>) => [
      shards[0]!,
      { file: 'other.json', report: { ...shards[1]!.report, ...change } },
      shards[2]!,
    ];
    expect(() => mergeReports(other({ seed: TEST_SEED + 1 }))).toThrow(
      /shard-1.json and other.json are not shards of one run: their seed differs/,
    );
    expect(() => mergeReports(other({ scope: { ...whole.scope, dtypes: ['float64'] } }))).toThrow(
      /their scope differs/,
    );
    expect(() => mergeReports(other({ version: '9.9.9' }))).toThrow(/their version differs \("test" and "9.9.9"\)/);
    expect(() => mergeReports(other({ corpus: { digest: 'sha256:0', entries: 0 } }))).toThrow(/their corpus differs/);
  });

  it('should refuse a shard whose results are not its part of the plan', () => {
    const results = [...shards[1]!.report.results];
    [results[0], results[1]] = [results[1]!, results[0]!];
    const altered = { file: 'altered.json', report: { ...shards[1]!.report, results } };
    expect(() => mergeReports([shards[0]!, altered, shards[2]!])).toThrow(/not the run's plan/);
    const short = { file: 'short.json', report: { ...shards[1]!.report, results: results.slice(1) } };
    expect(() => mergeReports([shards[0]!, short, shards[2]!])).toThrow(
      /shard 2\/3 holds \d+ results where the plan gives it \d+/,
    );
  });
});
