/**
 * `naive`: the textbook forms the seed notes warn against, in the case's dtype (DT-4).
 * - softmax then log: `p = exp(x)/Σ exp(x)`, `lp = log p`, with no max shift, so a logit above the
 *   dtype's exp threshold overflows (∞/∞ = NaN) and a small `p_t` underflows (`log 0 = −∞`);
 *   a loss below u is lost because `p_t` rounds to 1.
 * - sigmoid then log for BCE with logits: `σ = 1/(1 + exp(−x))`, `−log σ`, `−log(1 − σ)`.
 * - `log(1 − p)` by subtraction for BCE on probabilities.
 * @see fused.ts (max-shifted), accurate.ts (proven bound)
 */
import { recursiveSum, type Rounding } from '../numeric/sum.js';
import type { BinaryKernel, LossKernels, SoftmaxKernel } from './kernels.js';
import { gradFromProb, lossFromLogProb, textbookKernels } from './textbook.js';

function softmax(x: Float64Array, r: Rounding): Float64Array {
  const e = x.map((v) => r(Math.exp(v)));
  const total = recursiveSum(e, r);
  return e.map((v) => r(v / total));
}

function softmaxKernel(r: Rounding): SoftmaxKernel<number> {
  return {
    logSoftmax: (x) => Array.from(softmax(x, r), (p) => r(Math.log(p))),
    loss: (x, coef) =>
      lossFromLogProb(
        softmax(x, r).map((p) => r(Math.log(p))),
        coef,
        r,
      ),
    grad: (x, coef) => gradFromProb(softmax(x, r), coef, r),
  };
}

function binaryKernel(r: Rounding): BinaryKernel<number> {
  const sigmoid = (x: number): number => r(1 / r(1 + r(Math.exp(-x))));
  return {
    logPlus: (p, e) => r(Math.log(r(p + e))),
    logOneMinusPlus: (p, e) => r(Math.log(r(r(1 - p) + e))),
    bcelLoss: (x, y, complement, pw) => {
      const s = sigmoid(x);
      const positive = r(r(pw * y) * r(Math.log(s)));
      const negative = r(complement * r(Math.log(r(1 - s))));
      return r(-r(positive + negative));
    },
    bcelGrad: (x, y, _complement, pw) => r(r(r(1 + r(r(pw - 1) * y)) * sigmoid(x)) - r(pw * y)),
  };
}

/** The naive kernels in a working precision (the case's dtype, DT-4). */
export function naiveKernels(round: Rounding): LossKernels<number> {
  return textbookKernels(round, softmaxKernel(round), binaryKernel(round));
}
