import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Implementation } from '../../src/adapters/types.js';
import { GaveUpError, InterruptedError } from '../../src/case/errors.js';
import { expectations } from '../../src/check/expectations.js';
import { builtIn } from '../../src/losses/builtins.js';
import { createReferenceEngine } from '../../src/reference/engines.js';
import { sweepGrid } from '../../src/stability/grid.js';
import { runStudy } from '../../src/stability/study.js';
import { sweepNamed } from '../../src/stability/sweeps/index.js';
import type { StabilityReport } from '../../src/stability/types.js';

const engine = await createReferenceEngine();
afterAll(() => engine.dispose());

/** naive, but without float16: a series it cannot run is skipped with its reason. */
const noHalf: Implementation = {
  name: 'no-half',
  supports: (c) => (c.dtype === 'float16' ? 'float16 is not offered' : true),
  evaluate: (c) => builtIn('naive').evaluate(c),
};

describe('runStudy (spec/stability.md#STAB-1, spec/formats.md#REP-5)', () => {
  let report: StabilityReport;
  const groups: [string, number, number][] = [];
  beforeAll(async () => {
    report = await runStudy(
      {
        impls: [builtIn('fused'), noHalf],
        expect: expectations({ engine }),
        losses: ['softmax_cross_entropy', 'binary_cross_entropy_with_logits'],
        dtypes: ['float32', 'float16'],
        sweeps: ['scale', 'x'],
        pointsPerDecade: 0.2,
        seed: 9,
        progress: {
          start: (group, index, total) => groups.push([`start ${group.sweep.name} ${group.dtype}`, index, total]),
          done: (series, index, total) => groups.push([`done ${series[0]!.sweep} ${series[0]!.dtype}`, index, total]),
        },
      },
      '1.2.3',
    );
  });

  it('should report the REP-5 fields', () => {
    expect(report).toMatchObject({
      tool: 'losscheck',
      version: '1.2.3',
      kind: 'stability',
      seed: 9,
      pointsPerDecade: 0.2,
    });
    expect(report.seconds).toBeGreaterThan(0);
  });

  it('should have one series per implementation × loss × dtype × sweep, by loss, sweep, dtype, implementation', () => {
    expect(report.series.map((s) => `${s.sweep} ${s.dtype} ${s.implementation}`)).toEqual([
      'scale float32 fused',
      'scale float32 no-half',
      'scale float16 fused',
      'scale float16 no-half',
      'x float32 fused',
      'x float32 no-half',
      'x float16 fused',
      'x float16 no-half',
    ]);
    expect(groups).toEqual(
      ['scale float32', 'scale float16', 'x float32', 'x float16'].flatMap((group, i) => [
        [`start ${group}`, i, 4],
        [`done ${group}`, i, 4],
      ]),
    );
  });

  it('should hold every grid value and the bisections, by increasing x, with the thresholds among them', () => {
    const series = report.series.find((s) => s.implementation === 'no-half' && s.sweep === 'scale')!;
    const xs = series.points.map((p) => p.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    const grid = sweepGrid(sweepNamed('scale').range('float32'), 0.2, false);
    expect(grid.every((x) => xs.includes(x))).toBe(true);
    expect(xs.length).toBeGreaterThan(grid.length);
    expect(xs).toContain(series.firstNonFinite);
    expect(series.quantity).toBe('max logit');
  });

  it('should skip a series the implementation does not implement, with its reason', () => {
    const skipped = report.series.filter((s) => s.skipped);
    expect(skipped.map((s) => `${s.implementation} ${s.dtype} ${s.sweep}`)).toEqual([
      'no-half float16 scale',
      'no-half float16 x',
    ]);
    for (const s of skipped)
      expect(s).toMatchObject({ points: [], firstNonFinite: null, skipped: 'float16 is not offered' });
  });
});

describe('runStudy when an implementation is given up on (FMT-5.4) or the study interrupted (CLI-8)', () => {
  const scope = {
    expect: expectations({ engine }),
    losses: ['binary_cross_entropy_with_logits'] as const,
    dtypes: ['float32', 'float64'] as const,
    sweeps: ['x'] as const,
    pointsPerDecade: 0.2,
    seed: 1,
  };

  it('should skip an implementation from the point it is given up on, and go on with the others', async () => {
    let calls = 0;
    const failing: Implementation = {
      name: 'failing',
      evaluate: (c) => {
        if (++calls > 3) throw new GaveUpError('gave up on failing after 3 faults in a row (FMT-5.4)');
        return builtIn('fused').evaluate(c);
      },
    };
    const report = await runStudy({ ...scope, impls: [failing, builtIn('naive')] }, 'test');
    expect(report.series.map((s) => [s.implementation, s.dtype, s.skipped ?? 'measured'])).toEqual([
      ['failing', 'float32', 'gave up on failing after 3 faults in a row (FMT-5.4)'],
      ['naive', 'float32', 'measured'],
      ['failing', 'float64', 'gave up on failing after 3 faults in a row (FMT-5.4)'],
      ['naive', 'float64', 'measured'],
    ]);
    expect(report.interrupted).toBeUndefined();
  });

  it('should stop at the next point once interrupted, keeping the groups done', async () => {
    const controller = new AbortController();
    const report = await runStudy(
      {
        ...scope,
        impls: [builtIn('naive')],
        signal: controller.signal,
        progress: {
          start: () => undefined,
          done: () => controller.abort(new InterruptedError('interrupted by SIGINT')),
        },
      },
      'test',
    );
    expect(report.interrupted).toBe(true);
    expect(report.series.map((s) => s.dtype)).toEqual(['float32']);
  });
});
