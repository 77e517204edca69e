/**
 * Every run that starts ends in bounded time (FMT-5.4): `check` at its defaults — every family,
 * loss and dtype, the default timeout — against a plug-in that never answers ends by itself
 * within 2 minutes, exit 1, its report saying it gave up. A run still going at 2 minutes is
 * stopped by the test, and the test fails.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/report/types.js';
import { startLosscheck } from '../__helpers__/cli.js';

const BOUND_MS = 120_000;

async function defaultCheck(impl: string) {
  const json = join(mkdtempSync(join(tmpdir(), 'losscheck-bounded-')), 'r.json');
  const { child, done } = startLosscheck(['check', '--impl', impl, '--json', json]);
  let stopped = false;
  const guard = setTimeout(() => {
    stopped = true;
    child.kill('SIGKILL');
  }, BOUND_MS);
  const run = await done;
  clearTimeout(guard);
  return { run, stopped, report: stopped ? undefined : (JSON.parse(readFileSync(json, 'utf8')) as CheckReport) };
}

describe.concurrent('a default check against a plug-in that hangs ends within 2 minutes (FMT-5.4)', () => {
  it.each([
    ['a cmd: that never answers', 'cmd:node test/adapters/__fixtures__/faulty.mjs hang'],
    ['a module: that loops forever', 'module:test/adapters/__fixtures__/spin.mjs'],
    ['a cmd: that crashes on every case', 'cmd:node test/adapters/__fixtures__/faulty.mjs crash'],
  ])('should give up on %s, exit 1, and write its report', async (_, impl) => {
    const { run, stopped, report } = await defaultCheck(impl);
    expect(stopped, 'still running after 2 minutes').toBe(false);
    expect(run.status, run.stderr).toBe(1);
    expect(report?.gaveUp).toMatch(/^gave up on .* after 3 faults in a row/);
    expect(report?.summary.notrun).toBeGreaterThan(0);
  });
});
