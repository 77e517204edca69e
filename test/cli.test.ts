import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellLine } from '../src/report/shellLine.js';
import { BUILT_CLI, losscheck } from './__helpers__/cli.js';
import { softmaxJson } from './__helpers__/cases.js';

const lines = (...objects: unknown[]): string => objects.map((o) => JSON.stringify(o)).join('\n') + '\n';

describe('losscheck eval (CLI-1, CLI-2, CLI-3)', () => {
  it('should write one result line per case and go on past a rejected case', () => {
    const dir = mkdtempSync(join(tmpdir(), 'losscheck-'));
    const cases = join(dir, 'cases.jsonl');
    const out = join(dir, 'results.jsonl');
    writeFileSync(
      cases,
      lines(
        softmaxJson({ id: 'a', shape: [3], input: [1, 2, 3], target: [7] }),
        softmaxJson({ id: 'b', input: [1, 2, 3, 800, 0, '-Infinity'] }),
      ),
    );
    const r = losscheck(['eval', '--impl', 'accurate', '--cases', cases, '--out', out]);
    expect(r.status).toBe(0);
    const results = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(results[0]).toEqual({ id: 'a', error: 'target[0]: label 7 is outside [0, 3) (CE-3.2, PRO-3 torch)' });
    expect(results[1].id).toBe('b');
    expect(results[1].loss).toHaveLength(1);
  });

  it('should read stdin and write stdout by default, results as FMT-3 says, numbers in FMT-1 form', () => {
    const r = losscheck(
      ['eval', '--impl', 'naive'],
      lines(softmaxJson({ id: 'x', shape: [1, 2], input: [0, -800], target: [1], outputs: ['loss', 'logProb'] })),
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ id: 'x', loss: ['Infinity'], logProb: [0, '-Infinity'] });
  });

  it('should exit 2 naming the line of a malformed case file, without a stack trace', () => {
    const r = losscheck(['eval', '--impl', 'fused'], `${lines(softmaxJson())}{"id": 1,\n`);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^losscheck: stdin, line 2: not JSON/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('should exit 2 for an unknown implementation, a missing option or command', () => {
    expect(losscheck(['eval', '--impl', 'exact'], '').status).toBe(2);
    expect(losscheck(['eval'], '').status).toBe(2);
    expect(losscheck(['frobnicate']).status).toBe(2);
    expect(losscheck(['eval', '--impl', 'accurate', '--cases', '/no/such/file']).stderr).toContain(
      'cannot read /no/such/file: ENOENT',
    );
  });

  it('should run module: and cmd: implementations', () => {
    const input = lines(softmaxJson({ id: 'm' }));
    const viaModule = losscheck(['eval', '--impl', 'module:examples/modules/logsumexp.mjs'], input);
    expect(JSON.parse(viaModule.stdout).id).toBe('m');
    const viaCommand = losscheck(['eval', '--impl', 'cmd:node test/adapters/__fixtures__/lines.mjs'], input);
    expect(JSON.parse(viaCommand.stdout)).toEqual({ id: 'm', loss: ['NaN'] });
  });
});

describe('losscheck demo', () => {
  it('should show every built-in on the demo cases and exit 0', () => {
    const r = losscheck(['demo']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('tiny loss');
    expect(r.stdout.match(/accurate/g)?.length).toBeGreaterThanOrEqual(9);
  });

  it('should print help and exit 0', () => {
    const r = losscheck(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('eval');
  });
});

describe('losscheck --version', () => {
  it("should print the package's version and exit 0", () => {
    const r = losscheck(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  });
});

/** `losscheck ARGS | head -c 1` in bash: losscheck's exit status and stderr, its stdout's reader gone. */
function intoHead(args: readonly string[], stdinFile = '/dev/null'): { status: number; stderr: string } {
  const command = shellLine([process.execPath, BUILT_CLI, ...args]);
  const line = `${command} < ${shellLine([stdinFile])} | head -c 1 > /dev/null; exit "\${PIPESTATUS[0]}"`;
  const run = spawnSync('bash', ['-c', line], { encoding: 'utf8' });
  return { status: run.status!, stderr: run.stderr };
}

describe('a reader that stops reading stdout (CLI-3)', () => {
  it('should end eval quietly, exit 0, once the reader is gone', () => {
    const cases = join(mkdtempSync(join(tmpdir(), 'losscheck-')), 'cases.jsonl');
    // 2000 result lines: more than a pipe holds, so that writes after `head` has gone fail.
    writeFileSync(cases, lines(...Array.from({ length: 2000 }, (_, i) => softmaxJson({ id: `c${i}` }))));
    expect(intoHead(['eval', '--impl', 'naive'], cases)).toEqual({ status: 0, stderr: '' });
  });

  it('should let check run to its verdict and write its report', () => {
    const json = join(mkdtempSync(join(tmpdir(), 'losscheck-')), 'report.json');
    const args = ['check', '--impl', 'naive', '--loss', 'softmax_cross_entropy', '--dtype', 'float32'];
    expect(intoHead([...args, '--family', 'spec', '--workers', '1', '--json', json])).toEqual({
      status: 1,
      stderr: '',
    });
    expect(existsSync(json)).toBe(true);
  });
});
