import { describe, expect, it } from 'vitest';
import { ACCURATE_BETA, accurateUlpBound } from '../../src/verdict/accurateBound.js';

const softmaxLoss = { loss: 'softmax_cross_entropy', output: 'loss', rowLength: 10 } as const;

describe('accurateUlpBound (TOL-ACC)', () => {
  it('should allow β + 1 ULPs in float64 when the terms share a sign (M = |y|)', () => {
    const beta = ACCURATE_BETA.softmax_cross_entropy.loss;
    const worst = 2 - 2 ** -52; // the top of a binade, where ulp(y) is smallest relative to y
    expect(accurateUlpBound({ ...softmaxLoss, dtype: 'float64', exact: worst, magnitude: worst })).toBe(beta + 1);
    expect(accurateUlpBound({ ...softmaxLoss, dtype: 'float64', exact: 1, magnitude: 1 })).toBe(beta / 2 + 1);
  });

  it('should be faithful, 1 ULP, in float32, float16 and bfloat16', () => {
    for (const dtype of ['float32', 'float16', 'bfloat16'] as const) {
      expect(accurateUlpBound({ ...softmaxLoss, dtype, exact: 0.75, magnitude: 0.75 })).toBe(2);
    }
  });

  it('should widen with the magnitude of cancelling terms, relative to M not |y|', () => {
    const cancelling = accurateUlpBound({ ...softmaxLoss, output: 'grad', dtype: 'float64', exact: 1e-10, magnitude: 1 });
    expect(cancelling).toBeGreaterThan(1e6);
  });

  it('should demand NaN where NaN is expected', () => {
    expect(accurateUlpBound({ ...softmaxLoss, dtype: 'float32', exact: NaN, magnitude: NaN })).toBe(0);
  });
});
