/**
 * `losscheck merge` from the command line (MRG-1..3) and what every report records to pin a run
 * (CI-5): a run's shards merged give the unsharded run's verdict and counts; a missing shard is
 * named, with exit 2.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/report/types.js';
import { losscheck, losscheckAsync, type CliRun } from '../__helpers__/cli.js';

const run = ['--impl', 'naive', '--loss', 'binary_cross_entropy_with_logits', '--dtype', 'float32,float16'];
const same = [...run, '--family', 'spec,agreement,invariants', '--runs', '5', '--seed', '3', '--workers', '1'];
const dir = mkdtempSync(join(tmpdir(), 'losscheck-merge-cli-'));
const file = (name: string) => join(dir, name);
const read = (name: string) => JSON.parse(readFileSync(file(name), 'utf8')) as CheckReport;

describe('losscheck merge', () => {
  let whole: CliRun;
  let shards: CliRun[];
  beforeAll(async () => {
    [whole, ...shards] = await Promise.all([
      losscheckAsync(['check', ...same, '--json', file('whole.json')]),
      ...[1, 2, 3].map((i) => losscheckAsync(['check', ...same, '--shard', `${i}/3`, '--json', file(`s${i}.json`)])),
    ]);
  }, 180_000);

  it("should give the unsharded run's verdict and counts, and exit as it does", () => {
    expect(whole.status).toBe(1);
    expect(shards.map((s) => s.status)).toContain(1);
    const merged = losscheck(['merge', file('s1.json'), file('s2.json'), file('s3.json'), '--json', file('m.json')]);
    expect([merged.status, merged.stderr]).toEqual([whole.status, '']);
    const [m, w] = [read('m.json'), read('whole.json')];
    expect([m.verdict, m.summary, m.results.map((r) => [r.check, r.status])]).toEqual([
      w.verdict,
      w.summary,
      w.results.map((r) => [r.check, r.status]),
    ]);
    expect(merged.stdout).toContain(`verdict: ${w.verdict}`);
  });

  it('should fail with exit 2 and a message naming a missing shard', () => {
    const r = losscheck(['merge', file('s1.json'), file('s3.json')]);
    expect([r.status, r.stderr.trim()]).toEqual([
      2,
      `losscheck: merge: shard 2/3 is missing (given: 1/3 ${file('s1.json')}, 3/3 ${file('s3.json')}) (MRG-2)`,
    ]);
  });

  it('should fail with exit 2 on a file that is not a report', () => {
    const r = losscheck(['merge', 'package.json']);
    expect([r.status, r.stderr.trim()]).toEqual([
      2,
      'losscheck: merge: package.json is not a losscheck check report (REP-1)',
    ]);
  });
});

describe('pinning a run (CI-5)', () => {
  it('should record the version losscheck --version prints, the seed, the scope and the corpus digest', () => {
    const version = losscheck(['--version']).stdout.trim();
    const w = read('whole.json');
    expect(w).toMatchObject({
      version,
      seed: 3,
      scope: {
        losses: ['binary_cross_entropy_with_logits'],
        dtypes: ['float32', 'float16'],
        profiles: ['torch'],
        families: ['spec', 'agreement', 'invariants'],
      },
      corpus: { entries: 0, digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) },
      plan: { tasks: w.results.length },
    });
    expect(version).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});
