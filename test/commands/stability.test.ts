import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StabilityReport } from '../../src/stability/types.js';
import { losscheck, losscheckAsync, startLosscheck, type CliRun } from '../__helpers__/cli.js';

describe('losscheck stability (CLI-7)', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'losscheck-stability-')), 'report');
  let run: CliRun;
  let report: StabilityReport;
  beforeAll(() => {
    run = losscheck([
      'stability',
      '--impl',
      'naive,fused',
      '--loss',
      'binary_cross_entropy_with_logits',
      '--dtype',
      'float32',
      '--points',
      '0.2',
      '--out',
      out,
    ]);
    report = JSON.parse(readFileSync(join(out, 'stability.json'), 'utf8')) as StabilityReport;
  });

  it('should print the threshold table and what it wrote, and exit 0', () => {
    expect(run.stderr).toMatch(/^stability 1\/1: binary_cross_entropy_with_logits x float32 \([\d.]+ s\)$/m);
    expect(run.stdout).toMatch(
      /^ {2}naive float32 binary_cross_entropy_with_logits: non-finite from \|x\| 16\.6; more than half the bits lost from \d/m,
    );
    expect(run.stdout).toMatch(/^never non-finite where the exact loss is finite: fused$/m);
    expect(run.stdout).toContain(`wrote ${join(out, 'stability.json')} and ${join(out, 'report.html')}`);
    expect(run.status).toBe(0);
  });

  it('should write stability.json (REP-5) and report.html (REP-6)', () => {
    expect(report).toMatchObject({ tool: 'losscheck', kind: 'stability', seed: 1, pointsPerDecade: 0.2 });
    expect(report.series.map((s) => [s.implementation, s.sweep, s.dtype, s.firstNonFinite === null])).toEqual([
      ['naive', 'x', 'float32', false],
      ['fused', 'x', 'float32', true],
    ]);
    for (const p of report.series.flatMap((s) => s.points))
      expect(Object.keys(p).sort()).toEqual(['maxBits', 'meanBits', 'nonFinite', 'nsPerValue', 'x']);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(
      'npx losscheck stability --impl naive,fused --loss binary_cross_entropy_with_logits --dtype float32 --sweep x --points 0.2 --seed 1',
    );
  });

  it.each([
    [['--loss', 'negative_log_likelihood'], /--loss \(the losses with sweeps, STAB-1\) takes a comma list of/],
    [
      ['--loss', 'binary_cross_entropy', '--sweep', 'scale'],
      /no sweep of scale applies to binary_cross_entropy \(STAB-1\)/,
    ],
    [['--points', '0'], /--points takes a positive number, got "0"/],
    [['--sweep', 'ties'], /--sweep takes a comma list of scale, gap/],
  ])('should exit 2 with one line, no stack trace, for %j', (args, message) => {
    const bad = losscheck(['stability', '--impl', 'naive', ...args, '--out', join(out, 'never')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(message);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, 'never'))).toBe(false);
  });

  it('should give the same report on one worker and on two, timings aside (CHK-10)', async () => {
    const study = async (workers: number) => {
      const dir = join(out, `workers-${workers}`);
      const args = ['--loss', 'binary_cross_entropy_with_logits', '--dtype', 'float32,float64', '--points', '0.2'];
      const r = await losscheckAsync([
        'stability',
        '--impl',
        'naive,fused',
        ...args,
        '--workers',
        String(workers),
        '--out',
        dir,
      ]);
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(join(dir, 'stability.json'), 'utf8').replace(/"(seconds|nsPerValue)": [^,\n]+/g, '"$1": 0');
    };
    const [one, two] = await Promise.all([study(1), study(2)]);
    expect((JSON.parse(one) as StabilityReport).series.map((s) => `${s.implementation} ${s.dtype}`)).toEqual([
      'naive float32',
      'fused float32',
      'naive float64',
      'fused float64',
    ]);
    expect(two).toBe(one);
  });

  it('should write what it found and exit 130 when interrupted (CLI-8)', { timeout: 180_000 }, async () => {
    const dir = join(out, 'interrupted');
    const { child, done } = startLosscheck([
      ...['stability', '--impl', 'naive', '--loss', 'softmax_cross_entropy', '--sweep', 'scale,gap,classes'],
      ...['--points', '0.2', '--out', dir],
    ]);
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (b: Buffer) => b.toString().includes('stability 1/') && resolve());
      child.on('close', () => resolve());
    });
    child.kill('SIGINT');
    const run = await done;
    expect(run.status, run.stderr).toBe(130);
    const partial = JSON.parse(readFileSync(join(dir, 'stability.json'), 'utf8')) as StabilityReport;
    expect(partial.interrupted).toBe(true);
    expect(partial.series.length).toBeGreaterThan(0);
    expect(partial.series.length).toBeLessThan(3 * 4);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/<\/html>\n$/);
    expect(run.stdout).toContain('interrupted: ');
  });
});
