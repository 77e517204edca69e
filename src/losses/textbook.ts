/**
 * The last steps of softmax CE as textbook code writes them, shared by `naive` and `fused`:
 * the loss from log-probabilities and the gradient `W·p − a` by subtraction (GRAD-1), rounding
 * every operation in the working precision.
 */
import type { Rounder } from '../numeric/rounder.js';
import { recursiveSum } from '../numeric/sum.js';
import { roundedArith } from './arith.js';
import type { BinaryKernel, LossKernels, RowCoefficients, SoftmaxKernel } from './kernels.js';

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
  };
}

/** `−Σ a_c·lp_c` over the terms that exist (CE-3.3, CE-4.2). */
export function lossFromLogProb(lp: ArrayLike<number>, coef: RowCoefficients<number>, r: Rounder): number {
  if (coef.only >= 0) return r.round(-r.round(coef.a[coef.only]! * lp[coef.only]!));
  let total = 0;
  for (let j = 0; j < lp.length; j++) total = r.round(total + r.round(coef.a[j]! * lp[j]!));
  return r.round(-total);
}

/** `W·p_c − a_c` (GRAD-1). */
export function gradFromProb(p: ArrayLike<number>, coef: RowCoefficients<number>, r: Rounder): number[] {
  return Array.from(p, (pj, j) => {
    const a = coef.only < 0 || coef.only === j ? coef.a[j]! : 0;
    return r.round(r.round(coef.mass * pj) - a);
  });
}
