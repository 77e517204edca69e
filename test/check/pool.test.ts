/**
 * CHK-10: the property checks spread over worker threads give the same report, counterexamples,
 * coverage and verdict included, whatever the number of workers. Worker threads run the built
 * dist/, so the run is the CLI's.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/report/types.js';
import { losscheckAsync } from '../__helpers__/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'losscheck-pool-'));

/** naive fails some checks (shrunk counterexamples) and passes others; ort offers no gradient (coverage). */
async function reportOn(impl: string, workers: number): Promise<CheckReport> {
  const json = join(dir, `${impl}-${workers}.json`);
  const scope = ['--loss', 'softmax_cross_entropy,binary_cross_entropy_with_logits', '--dtype', 'float32'];
  const run = await losscheckAsync([
    'check',
    '--impl',
    impl,
    '--seed',
    '7',
    ...scope,
    '--workers',
    String(workers),
    '--json',
    json,
  ]);
  expect(run.status, run.stderr).not.toBe(2);
  return JSON.parse(readFileSync(json, 'utf8')) as CheckReport;
}

/** A report without its timings. */
function untimed({ seconds: _, ...report }: CheckReport) {
  return { ...report, results: report.results.map(({ seconds: __, ...r }) => r) };
}

describe('--workers (CHK-10)', () => {
  it('should give the same report on one worker and on three, failures and their counterexamples included', async () => {
    const [one, three] = await Promise.all([reportOn('naive', 1), reportOn('naive', 3)]);
    expect(one.summary.fail).toBeGreaterThan(0);
    expect(untimed(three)).toEqual(untimed(one));
  });

  it('should give the same coverage (outputs not offered) on one worker and on two', async () => {
    const [one, two] = await Promise.all([reportOn('ort', 1), reportOn('ort', 2)]);
    expect(one.notOffered.length).toBeGreaterThan(0);
    expect(untimed(two)).toEqual(untimed(one));
  });

  it('should refuse --workers 0 with exit 2 and one line', async () => {
    const run = await losscheckAsync(['check', '--impl', 'naive', '--workers', '0']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('losscheck: --workers takes a positive integer, got "0"');
  });
});
