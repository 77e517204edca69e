/**
 * `fused`: what most frameworks do (PyTorch's form), rounding every operation in the dtype's
 * opmath type: the dtype itself for float32 and float64, float32 for float16 and bfloat16 (DT-4).
 * - log-softmax `lp = (x − m) − log Σ exp(x − m)`: no overflow, but `log Σ` is rounded before
 *   the subtraction, so for the argmax class a loss below u·(1 + s) vanishes (cancellation).
 * - BCE with logits `max(x,0) − x·y + log1p(exp(−|x|))` (PyTorch's pos_weight form reduces to it
 *   exactly for pw = 1); BCE on probabilities with `log1p(−p)`.
 * @see naive.ts (unshifted), accurate.ts (proven bound)
 */
import type { Rounder } from '../numeric/rounder.js';
import { recursiveSum } from '../numeric/sum.js';
import type { BinaryKernel, LossKernels, SoftmaxKernel } from './kernels.js';
import { gradFromProb, lossFromLogProb, textbookKernels } from './textbook.js';

function logSoftmax(x: Float64Array, r: Rounder): Float64Array {
  let m = -Infinity;
  for (const v of x) m = Math.max(m, v);
  const shifted = x.map((v) => r.round(v - m));
  const logSum = r.round(
    Math.log(
      recursiveSum(
        shifted.map((d) => r.round(Math.exp(d))),
        r.rounding,
      ),
    ),
  );
  return shifted.map((d) => r.round(d - logSum));
}

/** logSoftmax(x, r)[c] alone, the same operations in the same order, in one pass after the max. */
function logProbAt(x: Float64Array, c: number, r: Rounder): number {
  let m = -Infinity;
  for (let j = 0; j < x.length; j++) m = Math.max(m, x[j]!);
  let sum = 0;
  for (let j = 0; j < x.length; j++) sum = r.round(sum + r.round(Math.exp(r.round(x[j]! - m))));
  return r.round(r.round(x[c]! - m) - r.round(Math.log(sum)));
}

function softmaxKernel(r: Rounder): SoftmaxKernel<number> {
  return {
    logSoftmax: (x) => Array.from(logSoftmax(x, r)),
    loss: (x, coef) =>
      coef.only >= 0
        ? r.round(-r.round(coef.a[coef.only]! * logProbAt(x, coef.only, r)))
        : lossFromLogProb(logSoftmax(x, r), coef, r),
    grad: (x, coef) =>
      gradFromProb(
        logSoftmax(x, r).map((lp) => r.round(Math.exp(lp))),
        coef,
        r,
      ),
  };
}

function binaryKernel(r: Rounder): BinaryKernel<number> {
  return {
    logPlus: (p, e) => r.round(Math.log(r.round(p + e))),
    // PyTorch's BCE takes log1p(−p); TF.js's logLoss forms 1 − p + e.
    logOneMinusPlus: (p, e) => (e === 0 ? r.round(Math.log1p(-p)) : r.round(Math.log(r.round(r.round(1 - p) + e)))),
    bcelLoss: (x, y, _complement, pw) => {
      // (1−y)·x + lw·softplus(−x) rewritten so that lw = 1 leaves exactly the form above.
      const lw = r.round(1 + r.round(r.round(pw - 1) * y));
      const softplusTail = r.round(Math.log1p(r.round(Math.exp(-Math.abs(x)))));
      const base = r.round(Math.max(x, 0) - r.round(x * y));
      const extra = r.round(r.round(r.round(lw - 1) * Math.max(-x, 0)) + r.round(lw * softplusTail));
      return r.round(base + extra);
    },
    bcelGrad: (x, y, _complement, pw) => {
      // exp of −|x| only (PRED-4): 1/(1 + e^{−x}) overflows below −ln Ω and flushes a subnormal σ to 0.
      const e = r.round(Math.exp(-Math.abs(x)));
      const sigmoid = x >= 0 ? r.round(1 / r.round(1 + e)) : r.round(e / r.round(1 + e));
      return r.round(r.round(r.round(1 + r.round(r.round(pw - 1) * y)) * sigmoid) - r.round(pw * y));
    },
  };
}

/** The fused kernels in a working precision (the dtype's opmath type, DT-4). */
export function fusedKernels(round: Rounder): LossKernels<number> {
  return textbookKernels(round, softmaxKernel(round), binaryKernel(round));
}
