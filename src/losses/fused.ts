/**
 * `fused`: what most frameworks do (PyTorch's form), rounding every operation in the dtype's
 * opmath type: the dtype itself for float32 and float64, float32 for float16 and bfloat16 (DT-4).
 * - log-softmax `lp = (x − m) − log Σ exp(x − m)`: no overflow, but `log Σ` is rounded before
 *   the subtraction, so for the argmax class a loss below u·(1 + s) vanishes (cancellation).
 * - BCE with logits `max(x,0) − x·y + log1p(exp(−|x|))` (PyTorch's pos_weight form reduces to it
 *   exactly for pw = 1); BCE on probabilities with `log1p(−p)`.
 * @see naive.ts (unshifted), accurate.ts (proven bound)
 */
import { recursiveSum, type Rounding } from '../numeric/sum.js';
import type { BinaryKernel, LossKernels, SoftmaxKernel } from './kernels.js';
import { gradFromProb, lossFromLogProb, textbookKernels } from './textbook.js';

function logSoftmax(x: Float64Array, r: Rounding): Float64Array {
  let m = -Infinity;
  for (const v of x) m = Math.max(m, v);
  const shifted = x.map((v) => r(v - m));
  const logSum = r(
    Math.log(
      recursiveSum(
        shifted.map((d) => r(Math.exp(d))),
        r,
      ),
    ),
  );
  return shifted.map((d) => r(d - logSum));
}

/** logSoftmax(x, r)[c] alone, the same operations in the same order, in one pass after the max. */
function logProbAt(x: Float64Array, c: number, r: Rounding): number {
  let m = -Infinity;
  for (let j = 0; j < x.length; j++) m = Math.max(m, x[j]!);
  let sum = 0;
  for (let j = 0; j < x.length; j++) sum = r(sum + r(Math.exp(r(x[j]! - m))));
  return r(r(x[c]! - m) - r(Math.log(sum)));
}

function softmaxKernel(r: Rounding): SoftmaxKernel<number> {
  return {
    logSoftmax: (x) => Array.from(logSoftmax(x, r)),
    loss: (x, coef) =>
      coef.only >= 0
        ? r(-r(coef.a[coef.only]! * logProbAt(x, coef.only, r)))
        : lossFromLogProb(logSoftmax(x, r), coef, r),
    grad: (x, coef) =>
      gradFromProb(
        logSoftmax(x, r).map((lp) => r(Math.exp(lp))),
        coef,
        r,
      ),
  };
}

function binaryKernel(r: Rounding): BinaryKernel<number> {
  return {
    logPlus: (p, e) => r(Math.log(r(p + e))),
    // PyTorch's BCE takes log1p(−p); TF.js's logLoss forms 1 − p + e.
    logOneMinusPlus: (p, e) => (e === 0 ? r(Math.log1p(-p)) : r(Math.log(r(r(1 - p) + e)))),
    bcelLoss: (x, y, _complement, pw) => {
      // (1−y)·x + lw·softplus(−x) rewritten so that lw = 1 leaves exactly the form above.
      const lw = r(1 + r(r(pw - 1) * y));
      const softplusTail = r(Math.log1p(r(Math.exp(-Math.abs(x)))));
      const base = r(Math.max(x, 0) - r(x * y));
      const extra = r(r(r(lw - 1) * Math.max(-x, 0)) + r(lw * softplusTail));
      return r(base + extra);
    },
    bcelGrad: (x, y, _complement, pw) => {
      // exp of −|x| only (PRED-4): 1/(1 + e^{−x}) overflows below −ln Ω and flushes a subnormal σ to 0.
      const e = r(Math.exp(-Math.abs(x)));
      const sigmoid = x >= 0 ? r(1 / r(1 + e)) : r(e / r(1 + e));
      return r(r(r(1 + r(r(pw - 1) * y)) * sigmoid) - r(pw * y));
    },
  };
}

/** The fused kernels in a working precision (the dtype's opmath type, DT-4). */
export function fusedKernels(round: Rounding): LossKernels<number> {
  return textbookKernels(round, softmaxKernel(round), binaryKernel(round));
}
