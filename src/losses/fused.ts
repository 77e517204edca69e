/**
 * `fused`: what most frameworks do (PyTorch's form), rounding every operation in the dtype's
 * opmath type: the dtype itself for float32 and float64, float32 for float16 and bfloat16 (DT-4).
 * - log-softmax `lp = (x − m) − log Σ exp(x − m)`: no overflow, but `log Σ` is rounded before
 *   the subtraction, so for the argmax class a loss below u·(1 + s) vanishes (cancellation);
 *   `lse = m + log Σ exp(x − m)`.
 * - BCE with logits `max(x,0) − x·y + log1p(exp(−|x|))` (PyTorch's pos_weight form reduces to it
 *   exactly for pw = 1); BCE on probabilities with `log1p(−p)`.
 * @see naive.ts (unshifted), accurate.ts (proven bound)
 */
import type { Rounder } from '../numeric/rounder.js';
import { recursiveSum } from '../numeric/sum.js';
import type { BinaryKernel, LossKernels, SoftmaxKernel } from './kernels.js';
import { capRow, capSlope, gradFromProb, lossFromLogProb, textbookKernels, type CappedRow } from './textbook.js';

/** A row with its maximum, its shifted logits and `log Σ exp(x − m)`. */
interface FusedRow extends CappedRow {
  readonly m: number;
  readonly shifted: Float64Array;
  readonly logSum: number;
}

function fusedRow(capped: CappedRow, r: Rounder): FusedRow {
  const { x } = capped;
  let m = -Infinity;
  for (let j = 0; j < x.length; j++) m = Math.max(m, x[j]!);
  // Loops, not `map` callbacks: the row is nearly all of the kernel's time.
  const shifted = new Float64Array(x.length);
  const exponentials = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) {
    shifted[j] = r.round(x[j]! - m);
    exponentials[j] = r.round(Math.exp(shifted[j]!));
  }
  const logSum = r.round(Math.log(recursiveSum(exponentials, r.rounding)));
  return { ...capped, m, shifted, logSum };
}

const logSoftmax = (row: FusedRow, r: Rounder): Float64Array => row.shifted.map((d) => r.round(d - row.logSum));

function softmaxKernel(r: Rounder): SoftmaxKernel<number, FusedRow> {
  return {
    row: (x, cap) => fusedRow(capRow(x, cap, r), r),
    logSoftmax: (row) => Array.from(logSoftmax(row, r)),
    lse: (row) => r.round(row.m + row.logSum),
    // A gathered loss needs one log-probability, the same operations in the same order.
    loss: (row, coef) =>
      coef.only >= 0
        ? r.round(-r.round(coef.a[coef.only]! * r.round(row.shifted[coef.only]! - row.logSum)))
        : lossFromLogProb(logSoftmax(row, r), coef, r),
    grad: (row, coef) =>
      gradFromProb(
        logSoftmax(row, r).map((lp) => r.round(Math.exp(lp))),
        coef,
        r,
      ),
    capSlope: (row) => capSlope(row, r),
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
