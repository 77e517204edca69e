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
    const wrong = await measureErrors({ name: 'half', evaluate: halved }, cases, engine);
    expect(wrong).toMatchObject({ cases: 2, rejected: 0, values: 2, correctlyRounded: 0, stable: 0 });
    expect(wrong.maxBits).toBeGreaterThan(50);
    const declining = await measureErrors(
      { name: 'no', supports: () => 'no', evaluate: () => ({ loss: new Float64Array() }) },
      cases,
      engine,
    );
    expect(declining).toMatchObject({ cases: 2, rejected: 2, values: 0 });
  });

  it('should sample each loss and dtype from the agreement cases, seeded, and tabulate them', async () => {
    const sample = {
      losses: ['softmax_cross_entropy'],
      dtypes: ['float32'],
      profile: 'torch',
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
      stable: 1,
    });
    expect(errorTable(first)[2]).toMatch(
      /^\| softmax_cross_entropy \| float32 \| 4 \| \d+ \| \d\.\d\d \| \d\.\d\d \| \d+\.\d% \| 100\.0% \| 0 \|$/,
    );
  });
});
