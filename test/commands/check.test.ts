import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { CheckReport } from '../../src/report/types.js';
import { losscheck, type CliRun } from '../__helpers__/cli.js';

const scope = [
  '--loss',
  'binary_cross_entropy_with_logits',
  '--dtype',
  'float32,float16',
  '--runs',
  '20',
  '--seed',
  '1',
];

describe('losscheck check (CHK-1) and its reports (REP-1..4)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'losscheck-reports-'));
  const files = {
    json: join(dir, 'r.json'),
    junit: join(dir, 'r.xml'),
    markdown: join(dir, 'r.md'),
    html: join(dir, 'html'),
  };
  let run: CliRun;
  let report: CheckReport;
  beforeAll(() => {
    run = losscheck([
      'check',
      '--impl',
      'naive',
      ...scope,
      '--json',
      files.json,
      '--junit',
      files.junit,
      '--markdown',
      files.markdown,
      '--html',
      files.html,
    ]);
    report = JSON.parse(readFileSync(files.json, 'utf8')) as CheckReport;
  });

  it('should exit 1 for a nonconformant implementation and print every failure with its replay line', () => {
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^FAIL agreement\/binary_cross_entropy_with_logits\/float32\/torch$/m);
    expect(run.stdout).toMatch(
      /^ {4}replay: npx losscheck replay \S+\/counterexamples\/agreement_binary_cross_entropy_with_logits_float32_torch\.json --impl naive --level opmath$/m,
    );
    expect(run.stdout).toMatch(/^verdict: nonconformant \(\d+ failing\)/m);
  });

  it("should write the JSON report's contract fields (REP-1): verdict, results with check and status, and for failures the counterexample, seed, path, ulps, bits", () => {
    expect(report).toMatchObject({
      tool: 'losscheck',
      implementation: 'naive',
      level: 'opmath',
      seed: 1,
      runs: 20,
      verdict: 'nonconformant',
      staleManifestEntries: [],
    });
    expect(
      report.results.every(
        (r) => typeof r.check === 'string' && ['pass', 'fail', 'skip', 'xfail', 'error'].includes(r.status),
      ),
    ).toBe(true);
    const failures = report.results.filter((r) => r.status === 'fail');
    expect(failures.length).toBe(report.summary.fail);
    for (const f of failures)
      expect(f).toMatchObject({
        counterexample: { loss: 'binary_cross_entropy_with_logits' },
        seed: 1,
        path: expect.any(String),
        ulps: expect.any(Number),
        bits: expect.any(Number),
      });
  });

  it('should render JUnit, Markdown and HTML from the JSON report alone', async () => {
    expect(readFileSync(files.junit, 'utf8')).toBe(renderJunit(report));
    expect(readFileSync(files.markdown, 'utf8')).toBe(renderMarkdown(report));
    expect(readFileSync(join(files.html, 'report.html'), 'utf8')).toBe(await renderHtml(report));
  });
});

describe('manifests (CHK-4)', () => {
  it('should make naive conformant with its known deviations as expected failures', () => {
    const r = losscheck(['check', '--impl', 'naive', ...scope, '--manifest', 'fixtures/manifests/naive.json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}agreement {4}(\d+ pass, )?\d+ xfail$/m);
    expect(r.stdout).not.toContain('STALE');
  });

  it('should report entries that no longer fail as stale, without changing the verdict', () => {
    const r = losscheck(['check', '--impl', 'accurate', ...scope, '--manifest', 'fixtures/manifests/naive.json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'STALE manifest entry (no longer fails): agreement/binary_cross_entropy_with_logits/*/* [non-finite|beyond-level|semantic]: sigmoid, then log',
    );
    // Entries about checks outside the run's scope are not stale.
    expect(r.stdout).not.toContain('STALE manifest entry (no longer fails): agreement/softmax_cross_entropy');
  });

  it('should refuse a manifest that is not one, and a bad level, with exit 2 (CLI-2)', () => {
    const r = losscheck(['check', '--impl', 'naive', '--manifest', 'package.json', '--level', 'stable']);
    expect([r.status, r.stderr]).toEqual([
      2,
      expect.stringContaining(
        'expected { "deviations": [{ "check": "...", "kind"?: "...", "message"?: "REGEXP", "bits"?: [LEAST, MOST], "reason": "...", "expires"?: "YYYY-MM-DD" }] } (CHK-4)',
      ),
    ]);
  });

  it('should take --require as a list of outputs other than loss (CHK-9), and refuse others with exit 2', () => {
    const r = losscheck(['check', '--impl', 'naive', '--require', 'grad,loss']);
    expect([r.status, r.stderr]).toEqual([2, expect.stringContaining('--require takes a comma list of grad, logProb')]);
  });
});
