/**
 * `naive`: the textbook forms the seed notes warn against, in the case's dtype (DT-4).
 * - softmax then log: `p = exp(x)/Σ exp(x)`, `lp = log p`, with no max shift, so a logit above the
 *   dtype's exp threshold overflows (∞/∞ = NaN) and a small `p_t` underflows (`log 0 = −∞`);
 *   a loss below u is lost because `p_t` rounds to 1.
 * - sigmoid then log for BCE with logits: `σ = 1/(1 + exp(−x))`, `−log σ`, `−log(1 − σ)`.
 * - `log(1 − p)` by subtraction for BCE on probabilities.
 * @see fused.ts (max-shifted), accurate.ts (proven bound)
 */
import type { Rounder } from '../numeric/rounder.js';
import { recursiveSum } from '../numeric/sum.js';
import type { BinaryKernel, LossKernels, SoftmaxKernel } from './kernels.js';
import { gradFromProb, lossFromLogProb, textbookKernels } from './textbook.js';

function softmax(x: Float64Array, r: Rounder): Float64Array {
  const e = x.map((v) => r.round(Math.exp(v)));
  const total = recursiveSum(e, r.rounding);
  return e.map((v) => r.round(v / total));
}

function softmaxKernel(r: Rounder): SoftmaxKernel<number> {
  return {
    logSoftmax: (x) => Array.from(softmax(x, r), (p) => r.round(Math.log(p))),
    loss: (x, coef) =>
      lossFromLogProb(
        softmax(x, r).map((p) => r.round(Math.log(p))),
        coef,
        r,
      ),
    grad: (x, coef) => gradFromProb(softmax(x, r), coef, r),
  };
}

function binaryKernel(r: Rounder): BinaryKernel<number> {
  const sigmoid = (x: number): number => r.round(1 / r.round(1 + r.round(Math.exp(-x))));
  return {
    logPlus: (p, e) => r.round(Math.log(r.round(p + e))),
    logOneMinusPlus: (p, e) => r.round(Math.log(r.round(r.round(1 - p) + e))),
    bcelLoss: (x, y, complement, pw) => {
      const s = sigmoid(x);
      const positive = r.round(r.round(pw * y) * r.round(Math.log(s)));
      const negative = r.round(complement * r.round(Math.log(r.round(1 - s))));
      return r.round(-r.round(positive + negative));
    },
    bcelGrad: (x, y, _complement, pw) =>
      r.round(r.round(r.round(1 + r.round(r.round(pw - 1) * y)) * sigmoid(x)) - r.round(pw * y)),
  };
}

/** The naive kernels in a working precision (the case's dtype, DT-4). */
export function naiveKernels(round: Rounder): LossKernels<number> {
  return textbookKernels(round, softmaxKernel(round), binaryKernel(round));
}
