/**
 * CHK-10, CHK-2: the property checks spread over worker threads give the same JSON report byte for
 * byte, timings aside (counterexamples, seeds and paths, coverage and verdict included), whatever
 * the number of workers; another seed gives another report. Worker threads run the built dist/,
 * so the run is the CLI's.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/report/types.js';
import { losscheck, losscheckAsync } from '../__helpers__/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'losscheck-pool-'));

interface Run {
  readonly report: CheckReport;
  /** The JSON report as written, its timings (every `seconds` field) replaced by 0. */
  readonly untimed: string;
}

/** naive fails some checks (shrunk counterexamples) and passes others; ort offers no gradient (coverage). */
async function reportOn(impl: string, workers: number, seed = 7): Promise<Run> {
  const json = join(dir, `${impl}-${workers}-${seed}.json`);
  const scope = ['--loss', 'softmax_cross_entropy,binary_cross_entropy_with_logits', '--dtype', 'float32'];
  const run = await losscheckAsync([
    'check',
    '--impl',
    impl,
    '--seed',
    String(seed),
    ...scope,
    '--workers',
    String(workers),
    '--json',
    json,
  ]);
  expect(run.status, run.stderr).not.toBe(2);
  expect(run.stdout).toMatch(new RegExp(`^losscheck check: ${impl} at level \\w+, seed ${seed}, `, 'm'));
  const text = readFileSync(json, 'utf8');
  const report = JSON.parse(text) as CheckReport;
  const timings = report.results.length + 1;
  const untimed = text.replace(/"seconds": [^,\n]+/g, '"seconds": 0');
  expect(untimed.match(/"seconds": 0/g)).toHaveLength(timings);
  return { report, untimed };
}

describe('--workers (CHK-10): the same seed, the same report byte for byte (CHK-2)', () => {
  it('should give the same report on one worker and on three, failures and their counterexamples included', async () => {
    const [one, three, otherSeed] = await Promise.all([
      reportOn('naive', 1),
      reportOn('naive', 3),
      reportOn('naive', 2, 8),
    ]);
    expect(one.report.seed).toBe(7);
    expect(one.report.results.filter((r) => r.counterexample && r.seed !== undefined).length).toBeGreaterThan(0);
    expect(three.untimed).toBe(one.untimed);
    const counterexamples = (run: Run) => run.report.results.map((r) => r.counterexample);
    expect(otherSeed.report.seed).toBe(8);
    expect(counterexamples(otherSeed)).not.toEqual(counterexamples(one));
  });

  it('should give the same coverage (outputs not offered) on one worker and on two', async () => {
    const [one, two] = await Promise.all([reportOn('ort', 1), reportOn('ort', 2)]);
    expect(one.report.notOffered.length).toBeGreaterThan(0);
    expect(two.untimed).toBe(one.untimed);
  });

  it('should refuse --workers 0, or LOSSCHECK_WORKERS that is not a count, with exit 2 and one line', async () => {
    const refusal = (value: string) =>
      `losscheck: --workers (or LOSSCHECK_WORKERS) takes a positive integer, got "${value}"`;
    const run = await losscheckAsync(['check', '--impl', 'naive', '--workers', '0']);
    expect([run.status, run.stderr.trim()]).toEqual([2, refusal('0')]);
    const fromEnvironment = losscheck(['check', '--impl', 'naive'], '', { LOSSCHECK_WORKERS: 'two' });
    expect([fromEnvironment.status, fromEnvironment.stderr.trim()]).toEqual([2, refusal('two')]);
  });
});
