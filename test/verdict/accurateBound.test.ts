import { describe, expect, it } from 'vitest';
import { ACCURATE_BETA, accurateAbsoluteBound, accurateUlpBound } from '../../src/verdict/accurateBound.js';

const softmaxLoss = { loss: 'softmax_cross_entropy', output: 'loss', underflow: 12 } as const;

describe('accurateUlpBound (TOL-ACC)', () => {
  it("should budget each output its β of TOL-ACC's table (0: no such output)", () => {
    const none = { logProb: 0, lse: 0, gradWeight: 0, gradBias: 0 };
    expect(ACCURATE_BETA).toEqual({
      softmax_cross_entropy: { ...none, loss: 32, logProb: 16, grad: 40, lse: 16 },
      binary_cross_entropy_with_logits: { ...none, loss: 16, grad: 16 },
      binary_cross_entropy: { ...none, loss: 16, grad: 16 },
      negative_log_likelihood: { ...none, loss: 8, grad: 4 },
      linear_cross_entropy: { ...none, loss: 32, grad: 48, lse: 16, gradWeight: 48, gradBias: 48 },
    });
  });

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
    const cancelling = accurateUlpBound({
      ...softmaxLoss,
      output: 'grad',
      dtype: 'float64',
      exact: 1e-10,
      magnitude: 1,
    });
    expect(cancelling).toBeGreaterThan(1e6);
  });

  it("should widen by z units of 2^-1074 near binary64's subnormal range, the underflow a weight or 1/D scales (TOL-ACC η)", () => {
    const tiny = 2 ** -1060; // subnormal: ulp = 2^-1074
    const at = (underflow: number) =>
      accurateUlpBound({ ...softmaxLoss, dtype: 'float64', exact: tiny, magnitude: tiny, underflow });
    expect(at(1000) - at(0)).toBe(1000);
    expect(at(1.5)).toBe(at(0.5) + 1);
  });

  it('should demand NaN where NaN is expected', () => {
    expect(accurateUlpBound({ ...softmaxLoss, dtype: 'float32', exact: NaN, magnitude: NaN })).toBe(0);
  });

  it('should be infinite, in ULPs and absolute, where the estimate of z overflows (TOL-ACC: only TOL-LEVEL.2 judges)', () => {
    // BCE with logits at x = 4.5e307 under a weight of 0: z(w·ℓ) = 0·∞ (a relation of test:long's 1000 runs).
    const overflowed = { ...softmaxLoss, dtype: 'float64', exact: 0, magnitude: 0, underflow: NaN } as const;
    expect(accurateUlpBound(overflowed)).toBe(Infinity);
    expect(accurateAbsoluteBound(overflowed)).toBe(Infinity);
  });
});
