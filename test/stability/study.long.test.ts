/**
 * The full study of the built-ins (`npm run test:long`): every sweep, loss and dtype at the
 * default grid (STAB-2), the located thresholds against the analysis (PRED-1..4, TOL-THR), and
 * `fused` and `accurate` never non-finite over several seeds.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DTYPES } from '../../src/case/types.js';
import { expectations } from '../../src/check/expectations.js';
import { DEFAULT_POINTS_PER_DECADE, DEFAULT_STABILITY_SEED } from '../../src/commands/stability.js';
import { builtIn } from '../../src/losses/builtins.js';
import { createReferenceEngine } from '../../src/reference/engines.js';
import {
  naiveGapUnderflow,
  naiveScaleOverflow,
  naiveSigmoidSaturation,
  type Prediction,
} from '../../src/stability/predictions.js';
import { runStudy } from '../../src/stability/study.js';
import { SWEEP_NAMES, SWEPT_LOSSES } from '../../src/stability/sweeps/index.js';
import type { StabilityReport, SweepName } from '../../src/stability/types.js';
import type { Dtype } from '../../src/case/types.js';
import { thresholdAgrees, thresholdTolerance } from '../../src/verdict/threshold.js';

const engine = await createReferenceEngine();
afterAll(() => engine.dispose());

async function study(names: readonly ('naive' | 'fused' | 'accurate')[], seed: number): Promise<StabilityReport> {
  return runStudy(
    {
      impls: names.map(builtIn),
      expect: expectations({ engine, cacheSize: 1 << 14 }),
      losses: SWEPT_LOSSES,
      dtypes: DTYPES,
      sweeps: SWEEP_NAMES,
      pointsPerDecade: DEFAULT_POINTS_PER_DECADE,
      seed,
    },
    'test',
  );
}

const PREDICTIONS: readonly [SweepName, (dtype: Dtype) => Prediction][] = [
  ['scale', (dtype) => naiveScaleOverflow(dtype, 8, 1)],
  ['gap', naiveGapUnderflow],
  ['x', naiveSigmoidSaturation],
];

describe('the stability study of the built-ins at its defaults', () => {
  it('should locate naive’s thresholds where PRED-1..3 predict them', async () => {
    const report = await study(['naive'], DEFAULT_STABILITY_SEED);
    for (const [sweep, predict] of PREDICTIONS)
      for (const dtype of DTYPES) {
        const series = report.series.find((s) => s.sweep === sweep && s.dtype === dtype)!;
        const predicted = predict(dtype);
        const located = series.firstNonFinite;
        expect(located, `${sweep} ${dtype}`).not.toBeNull();
        expect(
          thresholdAgrees(located!, predicted, dtype),
          `${predicted.clause} ${sweep} ${dtype}: ${located} against ${predicted.threshold} ± ${thresholdTolerance(located!, predicted, dtype)}`,
        ).toBe(true);
      }
  });

  it.each([DEFAULT_STABILITY_SEED, DEFAULT_STABILITY_SEED + 1, DEFAULT_STABILITY_SEED + 2])(
    'should find fused and accurate never non-finite where the exact loss is finite (PRED-4), seed %i',
    async (seed) => {
      const report = await study(['fused', 'accurate'], seed);
      expect(report.series).toHaveLength(2 * 4 * SWEEP_NAMES.length);
      for (const s of report.series) {
        expect(s.points.length, `${s.implementation} ${s.dtype} ${s.sweep}`).toBeGreaterThan(0);
        expect(s.firstNonFinite, `${s.implementation} ${s.dtype} ${s.sweep}, seed ${seed}`).toBeNull();
      }
    },
  );
});
