/**
 * Faults of the implementation under test and bad input, tried as a new user would (issue 11's
 * Done-when): each run ends with exit 1 and a report saying what happened, or exit 2 and one line
 * (FMT-5.3, FMT-5.4, FMT-5.5, CLI-3). Short --timeout and one loss and dtype keep them quick; the
 * default timeouts are test/long/boundedRuns.test.ts's.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/report/types.js';
import { losscheckAsync, type CliRun } from '../__helpers__/cli.js';
import { softmaxJson } from '../__helpers__/cases.js';

const FAULTY = 'node test/adapters/__fixtures__/faulty.mjs';
const NODE_TEST = 'fixtures/onnx/node/test_nllloss_NC';
// One worker: giving up counts the faults of one instance of the plug-in, and each worker has its
// own (CHK-10), so the counts below are those of a single instance.
const SCOPE = [
  ...['--family', 'spec', '--loss', 'softmax_cross_entropy', '--dtype', 'float64', '--seed', '1'],
  ...['--workers', '1'],
];

/** `check` in SCOPE, every report asked for: the run, the JSON report, and the other reports' text. */
async function check(impl: string, ...more: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'losscheck-faults-'));
  const files = { json: join(dir, 'r.json'), junit: join(dir, 'r.xml'), markdown: join(dir, 'r.md') };
  const run = await losscheckAsync([
    ...['check', '--impl', impl, ...SCOPE, ...more],
    ...['--json', files.json, '--junit', files.junit, '--markdown', files.markdown, '--html', dir],
  ]);
  const read = (file: string) => readFileSync(file, 'utf8');
  const report = JSON.parse(read(files.json)) as CheckReport;
  return {
    run,
    report,
    junit: read(files.junit),
    markdown: read(files.markdown),
    html: read(join(dir, 'report.html')),
  };
}

/** One line on stderr, no stack trace, exit 2 (CLI-2, CLI-3). */
function expectOneLine(run: CliRun, message: RegExp): void {
  expect(run.status, run.stderr).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

/** Each test starts losscheck, which on a busy 2-core box takes seconds before its first case. */
const CLI_TIMEOUT = { timeout: 180_000 };

describe.concurrent(
  'a check against a faulty implementation ends with a report that says so (FMT-5.3, FMT-5.4)',
  () => {
    it('should give up on one that answers once and then hangs, every report written', CLI_TIMEOUT, async () => {
      // Each process answers one case, then hangs: a timeout between answers, six in all. The
      // base is long enough that a process's start (twice the base, FMT-5.3) is not itself a
      // timeout on a busy box: at 0.5 s, CI's node once took over 1 s to start and it gave up on
      // 3 faults in a row instead.
      const { run, report, junit, markdown, html } = await check(`cmd:${FAULTY} hang 1`, '--timeout', '1.5');
      expect(run.status, run.stdout + run.stderr).toBe(1);
      expect(report.verdict).toBe('nonconformant');
      expect(report.gaveUp).toMatch(/^gave up on cmd:.* after 6 timeouts \(FMT-5\.4\); the last: .*gave no answer/);
      expect(report.results.filter((r) => r.fault === 'timeout')).toHaveLength(6);
      expect(report.summary.notrun).toBeGreaterThan(0);
      expect(report.results.filter((r) => r.status === 'notrun').every((r) => r.reason === report.gaveUp)).toBe(true);
      expect(run.stdout).toMatch(/^FAULT timeout \(6 checks, first spec\/\S+\)$/m);
      expect(run.stdout.match(/gave no answer/g)).toHaveLength(1 + 1); // the fault, once; the reason it gave up
      for (const text of [junit, markdown, html]) expect(text).toContain('gave up on cmd:');
    });

    it('should restart one that crashes and go on, each crash saying how it died', CLI_TIMEOUT, async () => {
      const { run, report } = await check(`cmd:${FAULTY} crash 2`);
      expect(run.status, run.stdout + run.stderr).toBe(1);
      expect(report.gaveUp).toBeUndefined();
      expect(report.summary.notrun).toBe(0);
      const crashes = report.results.filter((r) => r.fault === 'crash');
      expect(crashes.length).toBeGreaterThan(1);
      for (const r of crashes)
        expect(r.message).toMatch(/exited with code 3 before answering \(stderr ended: .*MemoryError\)/);
      expect(run.stdout.match(/^FAULT crash/gm)).toHaveLength(1);
    });

    it('should name output that is not JSON once, and give up on it', CLI_TIMEOUT, async () => {
      const { run, report } = await check(`cmd:${FAULTY} garbage`);
      expect(run.status, run.stdout + run.stderr).toBe(1);
      expect(report.results.find((r) => r.fault === 'not-json')?.message).toMatch(
        /^line 1 of cmd:.*'s output: not JSON: hello from the adapter$/,
      );
      expect(run.stdout.match(/^FAULT not-json \(3 checks/gm)).toHaveLength(1);
      expect(report.gaveUp).toContain('3 faults in a row');
    });

    it('should answer every case of eval, the ones after it gave up with an error saying so', CLI_TIMEOUT, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'losscheck-faults-'));
      const cases = join(dir, 'cases.jsonl');
      writeFileSync(cases, ['a', 'b', 'c', 'd', 'e'].map((id) => JSON.stringify(softmaxJson({ id }))).join('\n'));
      const run = await losscheckAsync(['eval', '--impl', `cmd:${FAULTY} hang`, '--cases', cases, '--timeout', '0.3']);
      expect(run.status, run.stderr).toBe(1);
      const errors = run.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { error: string }).error);
      expect(errors.map((e) => e.replace(/^(cmd:\S+ \S+ hang gave no answer|gave up).*/, '$1'))).toEqual([
        ...Array<string>(3).fill('cmd:node test/adapters/__fixtures__/faulty.mjs hang gave no answer'),
        'gave up',
        'gave up',
      ]);
    });

    it('should stop a module that loops forever, in its thread, and give up on it', CLI_TIMEOUT, async () => {
      const { run, report } = await check('module:test/adapters/__fixtures__/spin.mjs', '--timeout', '0.5');
      expect(run.status, run.stdout + run.stderr).toBe(1);
      expect(report.results.filter((r) => r.fault === 'timeout')).toHaveLength(3);
      expect(report.gaveUp).toContain('module:test/adapters/__fixtures__/spin.mjs gave no answer within');
    });
  },
);

describe.concurrent('unusable input ends with exit 2 and one line (FMT-5.5, CLI-3)', () => {
  it('should refuse a module that throws on import, and a command that does not exist', CLI_TIMEOUT, async () => {
    const [module, command] = await Promise.all([
      losscheckAsync(['check', '--impl', 'module:test/adapters/__fixtures__/throwsOnImport.mjs']),
      losscheckAsync(['check', '--impl', 'cmd:/no/such/program', ...SCOPE]),
    ]);
    expectOneLine(module, /^losscheck: module:\S+ could not be loaded: libloss.so: cannot open shared object file$/m);
    expectOneLine(
      command,
      /^losscheck: cmd:\/no\/such\/program could not be started: spawn \/no\/such\/program ENOENT$/m,
    );
  });

  it('should name a model.onnx or a .pb that is not one', CLI_TIMEOUT, async () => {
    const root = mkdtempSync(join(tmpdir(), 'losscheck-faults-'));
    const [model, tensor] = [join(root, 'model'), join(root, 'tensor')];
    for (const dir of [model, tensor]) cpSync(NODE_TEST, join(dir, 'test_nllloss_NC'), { recursive: true });
    const cut = (file: string) => writeFileSync(file, readFileSync(file).subarray(0, -3));
    cut(join(model, 'test_nllloss_NC', 'model.onnx'));
    cut(join(tensor, 'test_nllloss_NC', 'test_data_set_0', 'input_0.pb'));
    const [badModel, badTensor] = await Promise.all([
      losscheckAsync(['onnx-cases', model]),
      losscheckAsync(['onnx-cases', tensor]),
    ]);
    expectOneLine(badModel, /^losscheck: \S+\/model\.onnx: not an ONNX model: /);
    expectOneLine(badTensor, /^losscheck: \S+\/input_0\.pb: not a TensorProto that losscheck reads: /);
  });

  it('should name the broken line of a case file', CLI_TIMEOUT, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'losscheck-faults-'));
    const file = join(dir, 'cases.jsonl');
    writeFileSync(file, `${JSON.stringify(softmaxJson())}\n{"id": "b", "loss": \n`);
    expectOneLine(await losscheckAsync(['eval', '--impl', 'fused', '--cases', file]), /cases\.jsonl, line 2: not JSON/);
  });

  it(
    'should refuse unknown options and values, and a report it could not write, before running',
    CLI_TIMEOUT,
    async () => {
      const [dtype, timeout, unknown, unwritable, cache] = await Promise.all([
        losscheckAsync(['check', '--impl', 'naive', '--dtype', 'float8']),
        losscheckAsync(['check', '--impl', 'naive', '--timeout', '-1']),
        losscheckAsync(['check', '--impl', 'naive', '--levle', 'exact']),
        losscheckAsync(['check', '--impl', 'naive', '--json', 'package.json/report.json']),
        losscheckAsync(['matrix', '--impl', 'naive', '--reference-cache', 'package.json']),
      ]);
      expectOneLine(dtype, /--dtype takes a comma list/);
      expectOneLine(timeout, /--timeout takes a positive/);
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toMatch(/^error: unknown option '--levle'/);
      expectOneLine(unwritable, /^losscheck: cannot write package\.json\/report\.json: (ENOTDIR|EEXIST)/);
      expectOneLine(cache, /^losscheck: cannot write package\.json\/outcome\.json: (ENOTDIR|EEXIST)/); // CLI-9's DIR
    },
  );
});
