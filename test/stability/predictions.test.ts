/**
 * The located thresholds against what the analysis of each form predicts (spec/stability.md#PRED-1..4),
 * compared under spec/tolerance.md#TOL-THR, on reduced grids: bisection makes the thresholds as
 * exact as on the full ones (the full sweeps are in study.long.test.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { builtIn, type BuiltInName } from '../../src/losses/builtins.js';
import { decodeCase } from '../../src/case/decode.js';
import { DTYPES, type Dtype } from '../../src/case/types.js';
import { expectations } from '../../src/check/expectations.js';
import { FORMATS, roundTo } from '../../src/numeric/dtype.js';
import { createReferenceEngine } from '../../src/reference/engines.js';
import {
  naiveGapUnderflow,
  naiveScaleOverflow,
  naiveSigmoidSaturation,
  type Prediction,
} from '../../src/stability/predictions.js';
import { measureSeries } from '../../src/stability/study.js';
import { gapCase } from '../../src/stability/sweeps/gap.js';
import { sweepNamed } from '../../src/stability/sweeps/index.js';
import { scaleCase } from '../../src/stability/sweeps/scale.js';
import type { Sweep } from '../../src/stability/sweeps/sweep.js';
import type { SweepName } from '../../src/stability/types.js';
import { thresholdAgrees, thresholdTolerance } from '../../src/verdict/threshold.js';

const engine = await createReferenceEngine();
const expect_ = expectations({ engine, cacheSize: 1 << 14 });
afterAll(() => engine.dispose());

/** One point every five decades: the grid's least (STAB-2); bisection does the rest. */
const REDUCED = { expect: expect_, pointsPerDecade: 0.2, seed: 1 };

async function located(impl: BuiltInName, sweep: Sweep, dtype: Dtype) {
  return measureSeries(builtIn(impl), { sweep, dtype }, REDUCED);
}

function expectAgreement(threshold: number | null, predicted: Prediction, dtype: Dtype): void {
  expect(threshold, `${predicted.clause} predicts ${predicted.threshold} in ${dtype}`).not.toBeNull();
  const within = thresholdTolerance(threshold!, predicted, dtype);
  expect(
    thresholdAgrees(threshold!, predicted, dtype),
    `${predicted.clause}, ${dtype}: located ${threshold}, predicted ${predicted.threshold} ± ${within}`,
  ).toBe(true);
}

describe('the thresholds against the analysis (PRED-1..4, TOL-THR)', () => {
  it.each(DTYPES)('PRED-1: naive %s overflows at ln Ω on scale', async (dtype) => {
    const series = await located('naive', sweepNamed('scale'), dtype);
    expectAgreement(series.firstNonFinite, naiveScaleOverflow(dtype, 8, 1), dtype);
  });

  it.each([
    ['float32', 8],
    ['float32', 64],
    ['float16', 8],
    ['float64', 64],
  ] as const)(
    'PRED-1: naive %s overflows at ln Ω − ln C when all %i classes share the maximum',
    async (dtype, classes) => {
      const tied: Sweep = {
        ...sweepNamed('scale'),
        build: (x, d, seed) => scaleCase(x, d, seed, { classes, ties: classes, rows: 2 }),
      };
      const series = await located('naive', tied, dtype);
      expectAgreement(series.firstNonFinite, naiveScaleOverflow(dtype, classes, classes), dtype);
    },
  );

  it.each(DTYPES)('PRED-2: naive %s takes the log of an underflowed probability on gap', async (dtype) => {
    const series = await located('naive', sweepNamed('gap'), dtype);
    expectAgreement(series.firstNonFinite, naiveGapUnderflow(dtype), dtype);
  });

  it('PRED-2: below λ_d naive float32 answers the log of the smallest subnormal however large the gap', async () => {
    const capped = roundTo('float32')(-Math.log(FORMATS.float32.minSubnormal));
    for (const g of [103.4, 103.9]) {
      const loss = (builtIn('naive').evaluate(decodeCase(gapCase(g, 'float32', 1))) as { loss: Float64Array }).loss;
      const huge = Array.from(loss).filter((_, row) => row % 2 === 1);
      expect(huge).toEqual(huge.map(() => capped));
    }
  });

  it.each(DTYPES)('PRED-3: naive %s BCE with logits goes non-finite once σ(x) rounds to 1', async (dtype) => {
    const series = await located('naive', sweepNamed('x'), dtype);
    expectAgreement(series.firstNonFinite, naiveSigmoidSaturation(dtype), dtype);
  });

  const stableSweeps: SweepName[] = ['scale', 'gap', 'offset', 'smoothing', 'x', 'p'];
  it.each(['fused', 'accurate'] as const)(
    'PRED-4: %s is never non-finite where the exact loss is finite',
    async (impl) => {
      for (const name of stableSweeps)
        for (const dtype of DTYPES) {
          const series = await located(impl, sweepNamed(name), dtype);
          expect(series.points.length).toBeGreaterThan(0);
          expect(series.firstNonFinite, `${impl} ${dtype} ${name}`).toBeNull();
        }
    },
  );
});
