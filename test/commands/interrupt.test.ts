/**
 * SIGINT and SIGTERM during a run (CLI-8): what was found so far is written in every format asked
 * for, each file whole, the plug-in's processes are stopped, and the command exits 130.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/report/types.js';
import { softmaxJson } from '../__helpers__/cases.js';
import { startLosscheck, type CliRun } from '../__helpers__/cli.js';

const SLOW_CMD = 'cmd:node test/adapters/__fixtures__/faulty.mjs slow';
const SCOPE = ['--loss', 'softmax_cross_entropy', '--dtype', 'float64', '--seed', '1'];

/** Start `losscheck ARGS`, send `signal` once the plug-in has had `cases` cases (it says so on stderr). */
async function interrupt(
  args: readonly string[],
  signal: NodeJS.Signals,
  cases = 3,
): Promise<CliRun & { pids: number[] }> {
  const { child, done } = startLosscheck(args);
  let seen = '';
  await new Promise<void>((resolve) => {
    child.stderr.on('data', (b: Buffer) => {
      seen += b.toString();
      if ((seen.match(/: case /g)?.length ?? 0) >= cases) resolve();
    });
    child.on('close', () => resolve()); // ended first: the status says so
  });
  child.kill(signal);
  const pids = [...seen.matchAll(/faulty\.mjs (\d+): case/g)].map((m) => Number(m[1]));
  return { ...(await done), pids };
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Each test starts losscheck, which on a busy 2-core box takes seconds before its first case. */
const CLI_TIMEOUT = { timeout: 180_000 };

const tempDir = () => mkdtempSync(join(tmpdir(), 'losscheck-interrupt-'));

describe.concurrent('an interrupted run writes what it found and exits 130 (CLI-8)', () => {
  it(
    'should write every report of an interrupted check, partial and whole, and stop the plug-in (SIGINT)',
    CLI_TIMEOUT,
    async () => {
      const dir = tempDir();
      const files = { json: join(dir, 'r.json'), junit: join(dir, 'r.xml'), markdown: join(dir, 'r.md') };
      const run = await interrupt(
        [
          // No worst-counterexample search (REP-10.1): its 50 ms cases would hold the first checks open past the signal.
          ...[
            'check',
            '--impl',
            SLOW_CMD,
            ...SCOPE,
            '--worst-budget',
            '0',
            '--json',
            files.json,
            '--junit',
            files.junit,
          ],
          ...['--markdown', files.markdown, '--html', dir],
        ],
        'SIGINT',
      );
      expect(run.status, run.stderr).toBe(130);
      const report = JSON.parse(readFileSync(files.json, 'utf8')) as CheckReport;
      expect(report.interrupted).toBe(true);
      expect(report.verdict).toBe('nonconformant');
      expect(report.summary.notrun).toBeGreaterThan(0);
      expect(report.summary.pass + report.summary.fail).toBeGreaterThan(0);
      expect(report.results.find((r) => r.status === 'notrun')?.reason).toBe('interrupted by SIGINT');
      expect(readFileSync(files.junit, 'utf8')).toMatch(
        /<testsuites name="[^"]*interrupted\)"[\s\S]*<\/testsuites>\n?$/,
      );
      expect(readFileSync(files.markdown, 'utf8')).toContain('**interrupted: ');
      expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/interrupted: [\s\S]*<\/html>\n$/);
      expect(readdirSync(dir).filter((f) => !/^(r\.(json|xml|md)|report\.html|counterexamples)$/.test(f))).toEqual([]); // no temporary left
      expect(run.stdout).toContain('interrupted: ');
      expect(run.pids.length).toBeGreaterThan(0);
      expect(run.pids.filter(alive)).toEqual([]);
    },
  );

  it('should end a check of a module: plug-in on SIGTERM, its thread stopped', CLI_TIMEOUT, async () => {
    const json = join(tempDir(), 'r.json');
    const run = await interrupt(
      ['check', '--impl', 'module:test/adapters/__fixtures__/slow.mjs', ...SCOPE, '--json', json],
      'SIGTERM',
    );
    expect(run.status, run.stderr).toBe(130);
    expect((JSON.parse(readFileSync(json, 'utf8')) as CheckReport).interrupted).toBe(true);
  });

  it(
    'should write the reports of the implementation in progress in a matrix, and its matrix',
    CLI_TIMEOUT,
    async () => {
      const dir = tempDir();
      const run = await interrupt(['matrix', '--impl', SLOW_CMD, '--out', dir, '--runs', '2'], 'SIGINT');
      expect(run.status, run.stderr).toBe(130);
      const [json] = readdirSync(dir).filter((f) => f.endsWith('.json'));
      expect((JSON.parse(readFileSync(join(dir, json!), 'utf8')) as CheckReport).interrupted).toBe(true);
      expect(run.stdout).toMatch(/^implementation +sce\/f64/m);
    },
  );

  it('should end eval with the result lines written so far, each whole', CLI_TIMEOUT, async () => {
    const dir = tempDir();
    const cases = join(dir, 'cases.jsonl');
    const ids = Array.from({ length: 200 }, (_, i) => `c${i}`);
    writeFileSync(cases, ids.map((id) => JSON.stringify(softmaxJson({ id }))).join('\n'));
    const run = await interrupt(['eval', '--impl', SLOW_CMD, '--cases', cases], 'SIGINT');
    expect(run.status, run.stderr).toBe(130);
    expect(run.stderr).toMatch(/^losscheck: interrupted by SIGINT$/m);
    const results = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string });
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThan(ids.length);
    expect(results.map((r) => r.id)).toEqual(ids.slice(0, results.length));
    expect(run.pids.filter(alive)).toEqual([]);
  });

  it('should save and print the worst case of a hunt found so far', CLI_TIMEOUT, async () => {
    const corpus = tempDir();
    const run = await interrupt(
      ['hunt', '--impl', SLOW_CMD, ...SCOPE, '--seconds', '600', '--corpus', corpus],
      'SIGINT',
    );
    expect(run.status, run.stderr).toBe(130);
    expect(run.stdout).toContain('stopped early: interrupted by SIGINT; the worst case found so far follows');
    expect(readdirSync(corpus)).toHaveLength(1);
    expect(existsSync(join(corpus, readdirSync(corpus)[0]!))).toBe(true);
  });
});
