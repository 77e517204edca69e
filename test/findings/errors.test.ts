import { afterAll, describe, expect, it } from 'vitest';
import { errorSample, errorTable, measureErrors } from '../../src/findings/errors.js';
import { builtIn } from '../../src/losses/builtins.js';
import type { LossCase, LossValues } from '../../src/case/types.js';
import { createMpfrEngine } from '../../src/reference/mpfrEngine.js';
import { softmaxJson } from '../__helpers__/cases.js';

const engine = await createMpfrEngine();
afterAll(() => engine.dispose());

describe('error distributions of a peer (spec/findings, TOL-1, TOL-2)', () => {
  it('should measure every value given against the correctly rounded one, and count the cases not answered', async () => {
    const cases = [softmaxJson({ outputs: ['loss', 'grad'] }), softmaxJson({ target: [1, 1] })];
    const accurate = builtIn('accurate');
    const halved = (c: LossCase) => ({ loss: (accurate.evaluate(c) as LossValues).loss.map((v) => v / 2) });
    const wrong = await measureErrors({ name: 'half', evaluate: halved }, cases, engine, 'stable');
    expect(wrong).toMatchObject({ cases: 2, rejected: 0, values: 2, correctlyRounded: 0, withinLevel: 0 });
    expect(wrong.maxBits).toBeGreaterThan(50);
    const declining = await measureErrors(
      { name: 'no', supports: () => 'no', evaluate: () => ({ loss: new Float64Array() }) },
      cases,
      engine,
      'stable',
    );
    expect(declining).toMatchObject({ cases: 2, rejected: 2, values: 0 });
  });

  it('should sample each loss and dtype from the agreement cases, seeded, and tabulate them', async () => {
    const sample = {
      losses: ['softmax_cross_entropy'],
      dtypes: ['float32'],
      profile: 'torch',
      level: 'opmath',
      seed: 3,
      perCell: 4,
    } as const;
    const [first, again] = [
      await errorSample(builtIn('accurate'), engine, sample),
      await errorSample(builtIn('accurate'), engine, sample),
    ];
    expect(first).toEqual(again);
    expect(first[0]).toMatchObject({
      loss: 'softmax_cross_entropy',
      dtype: 'float32',
      cases: 4,
      rejected: 0,
      withinLevel: 1,
    });
    const table = errorTable(first, 'opmath');
    expect(table[0]).toContain('| correctly rounded | within `opmath` | not answered |');
    expect(table[2]).toMatch(
      /^\| softmax_cross_entropy \| float32 \| 4 \| \d+ \| \d\.\d\d \| \d\.\d\d \| \d+\.\d% \| 100\.0% \| 0 \|$/,
    );
  });

  it('should judge at the level it is given: bfloat16 in bfloat16 steps passes stable and fails opmath (TOL-OPMATH.2)', async () => {
    // the target's gradient p_t − 1 at p_t = 0.999, rounded to bfloat16 first: 0 (TOL-OPMATH.2's bug)
    const c = softmaxJson({
      dtype: 'bfloat16',
      shape: [1, 2],
      input: [6.90625, 0],
      target: [0],
      outputs: ['loss', 'grad'],
    });
    const steps = {
      name: 'bf16 steps',
      evaluate: () => ({ loss: new Float64Array([0]), grad: new Float64Array([0, 0]) }),
    };
    const [stable, opmath] = [
      await measureErrors(steps, [c], engine, 'stable'),
      await measureErrors(steps, [c], engine, 'opmath'),
    ];
    expect(stable.withinLevel).toBeGreaterThan(opmath.withinLevel);
  });

  it('should leave out, and count, a case whose reference is undetermined (REF-7.4), as check does', async () => {
    // grad[2] = 3.90625·(1/(4 + e^−9984) − 1): within 2^−3200 of a bfloat16 midpoint, −2.9296875
    const c = softmaxJson({
      dtype: 'bfloat16',
      shape: [1, 5],
      input: [-9984, '-0', '-0', 0, '-0'],
      targetKind: 'probability',
      target: [0, 0, 1, 0, 0],
      weight: [0.00026702880859375, 0, 3.90625, 0.000057220458984375, 0.2041015625],
      reduction: 'none',
      outputs: ['loss', 'grad'],
    });
    const stats = await measureErrors(builtIn('accurate'), [c, softmaxJson({})], engine, 'opmath');
    expect(stats).toMatchObject({ cases: 2, undetermined: 1, rejected: 0 });
    const row = { ...stats, loss: 'softmax_cross_entropy', dtype: 'bfloat16' } as const;
    expect(errorTable([row], 'opmath').at(-1)).toBe(
      'Cases left out, the reference undetermined (REF-7.4): softmax_cross_entropy bfloat16: 1.',
    );
  });
});
