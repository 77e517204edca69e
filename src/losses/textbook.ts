/**
 * The last steps of softmax CE as textbook code writes them, shared by `naive` and `fused`:
 * the soft-cap, the loss from log-probabilities, the gradient `W·p − a` by subtraction (GRAD-1)
 * and the logits of a linear layer, rounding every operation in the working precision.
 */
import type { Rounder } from '../numeric/rounder.js';
import { recursiveSum } from '../numeric/sum.js';
import { roundedArith } from './arith.js';
import type { BinaryKernel, LinearKernel, LossKernels, RowCoefficients, SoftmaxKernel } from './kernels.js';

/** A row as textbook code holds it: its (capped) logits, and the tanh values of the cap. */
export interface CappedRow {
  readonly x: Float64Array;
  readonly tanh?: Float64Array | undefined;
}

/** CAP-1 as a kernel writes it: `c·tanh(x/c)`, each operation rounded (a faithful tanh). */
export function capRow(x: Float64Array | readonly number[], cap: number | undefined, r: Rounder): CappedRow {
  const values = Float64Array.from(x);
  if (cap === undefined) return { x: values };
  const tanh = values.map((v) => r.round(Math.tanh(r.round(v / cap))));
  return { x: tanh.map((t) => r.round(cap * t)), tanh };
}

/** CAP-2 as a kernel writes it: `1 − t²`. */
export const capSlope = (row: CappedRow, r: Rounder): number[] =>
  Array.from(row.tanh!, (t) => r.round(1 - r.round(t * t)));

/** LCE-2 accumulated left to right in the working precision: `(Σ_k h_k·w_k) + b`. */
export function textbookLinear(r: Rounder): LinearKernel<number> {
  return {
    logit: (h, hAt, w, wAt, d, b) => {
      let acc = 0;
      for (let k = 0; k < d; k++) acc = r.round(acc + r.round(h[hAt + k]! * w[wAt + k]!));
      return r.round(acc + b);
    },
  };
}

/** Textbook kernels around their row forms: every operation rounded, sums left to right. */
export function textbookKernels(
  round: Rounder,
  softmax: SoftmaxKernel<number>,
  binary: BinaryKernel<number>,
): LossKernels<number> {
  return {
    arith: roundedArith(round),
    sum: (values) => recursiveSum(values, round.rounding),
    mean: (values, d) => round.round(recursiveSum(values, round.rounding) / d),
    softmax,
    binary,
    linear: textbookLinear(round),
  };
}

/** `−Σ a_c·lp_c` over the terms that exist (CE-3.3, CE-4.2). */
export function lossFromLogProb(lp: ArrayLike<number>, coef: RowCoefficients<number>, r: Rounder): number {
  if (coef.only >= 0) return r.round(-r.round(coef.a[coef.only]! * lp[coef.only]!));
  let total = 0;
  for (let j = 0; j < lp.length; j++) total = r.round(total + r.round(coef.a[j]! * lp[j]!));
  return r.round(-total);
}

/**
 * `(W + 2·z·lse)·p_c − a_c` (GRAD-1, ZL-3), with z-loss as `2·((W/2 + z·lse)·p_c)` (ZL-6): the
 * same roundings where halving and doubling are exact, and no overflow the gradient does not have.
 */
export function gradFromProb(p: ArrayLike<number>, coef: RowCoefficients<number>, r: Rounder): number[] {
  const half = coef.zLse === undefined ? undefined : r.round(coef.mass / 2 + coef.zLse);
  return Array.from(p, (pj, j) => {
    const a = coef.only < 0 || coef.only === j ? coef.a[j]! : 0;
    const massTimesP = half === undefined ? r.round(coef.mass * pj) : r.round(2 * r.round(half * pj));
    return r.round(massTimesP - a);
  });
}
