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
import { capRow, capSlope, gradFromProb, lossFromLogProb, textbookKernels, type CappedRow } from './textbook.js';

/** A row with its exponentials, their sum and the softmax. */
interface NaiveRow extends CappedRow {
  readonly total: number;
  readonly p: Float64Array;
}

function naiveRow(capped: CappedRow, r: Rounder): NaiveRow {
  const e = capped.x.map((v) => r.round(Math.exp(v)));
  const total = recursiveSum(e, r.rounding);
  return { ...capped, total, p: e.map((v) => r.round(v / total)) };
}

function softmaxKernel(r: Rounder): SoftmaxKernel<number, NaiveRow> {
  const logSoftmax = (row: NaiveRow) => Array.from(row.p, (p) => r.round(Math.log(p)));
  return {
    row: (x, cap) => naiveRow(capRow(x, cap, r), r),
    logSoftmax,
    lse: (row) => r.round(Math.log(row.total)),
    loss: (row, coef) => lossFromLogProb(logSoftmax(row), coef, r),
    grad: (row, coef) => gradFromProb(row.p, coef, r),
    capSlope: (row) => capSlope(row, r),
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
