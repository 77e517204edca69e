/**
 * `losscheck matrix` (CLI-6): the survey behind `npm start`, here on two built-ins so it stays
 * quick; the default list (MATRIX_IMPLEMENTATIONS) adds fused and ort.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DTYPES, LOSSES } from '../../src/case/types.js';
import type { CheckReport } from '../../src/report/types.js';
import { losscheck, type CliRun } from '../__helpers__/cli.js';

const IMPLS = ['accurate', 'naive'] as const;

describe('losscheck matrix (CLI-6)', () => {
  const out = mkdtempSync(join(tmpdir(), 'losscheck-matrix-'));
  let run: CliRun;
  const reports = new Map<string, CheckReport>();
  beforeAll(() => {
    run = losscheck(['matrix', '--impl', ...IMPLS, '--runs', '3', '--seed', '7', '--out', out]);
    for (const name of IMPLS)
      reports.set(name, JSON.parse(readFileSync(join(out, `${name}.json`), 'utf8')) as CheckReport);
  });

  it('should exit 0 even when an implementation is nonconformant: the matrix is a survey', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(reports.get('naive')!.verdict).toBe('nonconformant');
    expect(reports.get('accurate')!.verdict).toBe('conformant');
  });

  it('should mark each loss × dtype cell as its JSON report has it: ✗ a failure, ✓ all ran passed, · none ran', () => {
    const lines = run.stdout.split('\n');
    const header = lines.find((l) => l.startsWith('implementation'))!.split(/\s+/);
    for (const name of IMPLS) {
      const row = lines.find((l) => l.startsWith(`${name} `))!.split(/\s+/);
      const report = reports.get(name)!;
      LOSSES.forEach((loss, i) =>
        DTYPES.forEach((dtype, j) => {
          const ran = report.results.filter((r) => r.check.includes(`/${loss}/${dtype}/`) && r.status !== 'skip');
          const want =
            ran.length === 0 ? '·' : ran.some((r) => r.status === 'fail' || r.status === 'error') ? '✗' : '✓';
          const column = 1 + i * DTYPES.length + j;
          expect(row[column], `${name} ${header[column]}`).toBe(want);
        }),
      );
      expect(row.slice(1 + LOSSES.length * DTYPES.length).join(' ')).toBe(
        `${report.verdict} (${report.summary.fail} failing)`,
      );
    }
  });

  it("should write each implementation's HTML report beside its JSON report", () => {
    for (const name of IMPLS) expect(readFileSync(join(out, name, 'report.html'), 'utf8')).toContain(name);
  });

  it('should survey ONNX Runtime under the onnx profile, the others under torch', () => {
    const ortOut = mkdtempSync(join(tmpdir(), 'losscheck-matrix-'));
    const ort = losscheck(['matrix', '--impl', 'ort', '--runs', '1', '--seed', '7', '--out', ortOut]);
    expect(ort.status, ort.stderr).toBe(0);
    expect(ort.stdout).toMatch(/^checked ort \(profile onnx\): /m);
    expect(run.stdout).toMatch(/^checked naive \(profile torch\): /m);
    const checks = (JSON.parse(readFileSync(join(ortOut, 'ort.json'), 'utf8')) as CheckReport).results.map(
      (r) => r.check,
    );
    expect(checks.filter((c) => c.startsWith('agreement/')).length).toBeGreaterThan(0);
    for (const c of checks.filter((id) => id.startsWith('agreement/'))) expect(c).toMatch(/\/onnx$/);
  });

  it('should refuse an unknown implementation with exit 2, writing nothing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'losscheck-matrix-'));
    const refused = losscheck(['matrix', '--impl', 'nosuch', '--out', empty]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/unknown implementation "nosuch"/);
    expect(existsSync(join(empty, 'nosuch.json'))).toBe(false);
  });
});
