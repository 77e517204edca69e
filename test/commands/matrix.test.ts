/**
 * `losscheck matrix` (CLI-6): the survey behind `npm start`, here on two built-ins so it stays
 * quick (and on the peers with their manifests at one run); the default list (MATRIX_SURVEYS)
 * adds the others and PyTorch.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DTYPES, LOSSES } from '../../src/case/types.js';
import type { CheckReport } from '../../src/report/types.js';
import { cell } from '../../src/matrix/table.js';
import { WITHOUT_BIG_ROWS } from '../__helpers__/bigRows.js';
import { losscheck, losscheckAsync, type CliRun } from '../__helpers__/cli.js';
import { matrixArgs, SHARED_MATRIX_IMPLS, sharedMatrix, type SharedMatrix } from '../__helpers__/sharedMatrix.js';

const IMPLS = SHARED_MATRIX_IMPLS;

describe('losscheck matrix (CLI-6)', () => {
  const twoWorkersOut = mkdtempSync(join(tmpdir(), 'losscheck-matrix-'));
  let out: string;
  let run: CliRun;
  let twoWorkers: CliRun;
  const reports = new Map<string, CheckReport>();
  beforeAll(async () => {
    let shared: SharedMatrix;
    [shared, twoWorkers] = await Promise.all([
      sharedMatrix(),
      losscheckAsync([...matrixArgs(['naive'], 2), '--out', twoWorkersOut]),
    ]);
    ({ dir: out, run } = shared);
    for (const name of IMPLS)
      reports.set(name, JSON.parse(readFileSync(join(out, `${name}.json`), 'utf8')) as CheckReport);
  }, 180_000); // a whole matrix run as a process: slow on a loaded 2-core box

  it('should exit 0 even when an implementation is nonconformant: the matrix is a survey', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(reports.get('naive')!.verdict).toBe('nonconformant');
    expect(reports.get('accurate')!.verdict).toBe('conformant');
  });

  it('should print the seed and runs first, and store them in every report (CHK-2)', () => {
    expect(run.stdout.split('\n')[0]).toBe(
      'losscheck matrix: seed 7, 3 runs per property (CHK-2: --seed 7 --runs 3 repeats it)',
    );
    for (const name of IMPLS) expect(reports.get(name)).toMatchObject({ seed: 7, runs: 3 });
  });

  it('should survey only the checks --only matches (CLI-6)', () => {
    for (const name of IMPLS) {
      const report = reports.get(name)!;
      expect(report.results.filter((r) => r.check.startsWith('stress/')).length).toBeGreaterThan(0);
      expect(report.results.filter((r) => !WITHOUT_BIG_ROWS.test(r.check))).toEqual([]);
    }
  });

  it('should mark each loss × dtype cell as its JSON report has it (✗, x, ✓, ○ or -)', () => {
    const lines = run.stdout.split('\n');
    const header = lines.find((l) => l.startsWith('implementation'))!.split(/\s+/);
    for (const name of IMPLS) {
      const row = lines.find((l) => l.startsWith(`${name} `))!.split(/\s+/);
      const report = reports.get(name)!;
      LOSSES.forEach((loss, i) =>
        DTYPES.forEach((dtype, j) => {
          const ran = report.results.filter((r) => r.check.includes(`/${loss}/${dtype}/`) && r.status !== 'skip');
          const want =
            ran.length === 0
              ? cell(report, loss, dtype)
              : ran.some((r) => r.status === 'fail' || r.status === 'error')
                ? '✗'
                : '✓';
          expect(['○', '-']).toContain(ran.length === 0 ? want : '○');
          const column = 1 + i * DTYPES.length + j;
          expect(row[column], `${name} ${header[column]}`).toBe(want);
        }),
      );
      expect(row.slice(1 + LOSSES.length * DTYPES.length).join(' ')).toBe(
        `${report.verdict} (${report.summary.fail} failing, ${report.summary.xfail} xfail)`,
      );
    }
  });

  it('should give the same report on one worker and on two, timings and the report directory aside (CHK-10)', () => {
    expect(twoWorkers.status, twoWorkers.stderr).toBe(0);
    const untimed = (dir: string) =>
      readFileSync(join(dir, 'naive.json'), 'utf8')
        .replace(/"seconds": [^,\n]+/g, '"seconds": 0')
        .replaceAll(dir, 'DIR');
    expect(reports.get('naive')!.results.some((r) => r.status === 'fail' && r.counterexample)).toBe(true);
    expect(untimed(twoWorkersOut)).toBe(untimed(out));
  });

  it("should write each implementation's HTML report beside its JSON report", () => {
    for (const name of IMPLS) expect(readFileSync(join(out, name, 'report.html'), 'utf8')).toContain(name);
  });

  it('should survey each peer under its profile with its manifest, the built-ins under torch', () => {
    const ortOut = mkdtempSync(join(tmpdir(), 'losscheck-matrix-'));
    const peers = ['ort', 'tfjs'];
    const only = ['--only', WITHOUT_BIG_ROWS.source];
    const ort = losscheck([
      'matrix',
      '--impl',
      ...peers,
      '--runs',
      '1',
      '--seed',
      '7',
      '--workers',
      '1',
      ...only,
      '--out',
      ortOut,
    ]);
    expect(ort.status, ort.stderr).toBe(0);
    expect(ort.stdout).toMatch(/^checked ort \(profile onnx, manifest examples\/manifests\/onnxruntime.json\): /m);
    expect(ort.stdout).toMatch(/^checked tfjs \(profile tfjs, manifest examples\/manifests\/tfjs.json\): /m);
    const tfjs = JSON.parse(readFileSync(join(ortOut, 'tfjs.json'), 'utf8')) as CheckReport;
    expect(tfjs.results.filter((r) => r.check.includes('/float64/')).every((r) => r.status === 'skip')).toBe(true);
    expect(ort.stdout).toMatch(/^tfjs {12}○ {9}/m);
    expect(run.stdout).toMatch(/^checked naive \(profile torch\): /m);
    const checks = (JSON.parse(readFileSync(join(ortOut, 'ort.json'), 'utf8')) as CheckReport).results.map(
      (r) => r.check,
    );
    expect(checks.filter((c) => c.startsWith('agreement/')).length).toBeGreaterThan(0);
    for (const c of checks.filter((id) => id.startsWith('agreement/'))) expect(c).toMatch(/\/onnx$/);
  });

  it("should certify a case every implementation draws once, in --reference-cache's DIR (CLI-9)", async () => {
    const [cache, cachedOut] = [mkdtempSync(join(tmpdir(), 'losscheck-reference-')), mkdtempSync(join(tmpdir(), 'm-'))];
    const only = '^stress/bigRow/softmax_cross_entropy/float64/';
    const cached = await losscheckAsync([
      ...['matrix', '--impl', 'accurate', 'fused', '--runs', '1', '--seed', '7', '--only', only],
      ...['--reference-cache', cache, '--out', cachedOut],
    ]);
    expect(cached.status, cached.stderr).toBe(0);
    // One row of 262144 classes, drawn by both implementations at seed 7: one file.
    expect(readdirSync(cache)).toHaveLength(1);
    for (const impl of ['accurate', 'fused']) {
      const report = JSON.parse(readFileSync(join(cachedOut, `${impl}.json`), 'utf8')) as CheckReport;
      expect(report.results.map((r) => [r.check, r.status])).toEqual([[`${only.slice(1)}torch`, 'pass']]);
    }
  });

  it('should refuse an unknown implementation with exit 2, writing nothing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'losscheck-matrix-'));
    const refused = losscheck(['matrix', '--impl', 'nosuch', '--out', empty]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/unknown implementation "nosuch"/);
    expect(existsSync(join(empty, 'nosuch.json'))).toBe(false);
  });

  it('should refuse an --only that is not a regular expression with exit 2, naming the option', () => {
    const refused = losscheck(['matrix', '--impl', 'naive', '--only', '(', '--out', mkdtempSync(join(tmpdir(), 'm-'))]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^losscheck: --only takes a regular expression, got "\(": /m);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });
});
