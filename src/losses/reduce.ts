/**
 * Reductions and their denominators (RED-1..5, PRO-6, PRO-7, GRAD-3).
 */
import { Label, type ValidCase } from '../case/validate.js';
import type { LossKernels } from './kernels.js';

/** The `mean` denominator D of a softmax CE case (RED-3.1, RED-3.2, PRO-6). */
function softmaxDenominator(c: ValidCase, k: LossKernels): number {
  const { labels } = c;
  if (labels === undefined || c.rules.indexMeanDenominator === 'positions') return c.positions;
  const counted: number[] = [];
  labels.forEach((label) => {
    if (label === Label.ignored) return;
    counted.push(c.rules.indexMeanDenominator === 'targetWeights' && c.weight && label >= 0 ? c.weight[label]! : 1);
  });
  return c.weight && c.rules.indexMeanDenominator === 'targetWeights' ? k.sum(counted) : counted.length;
}

/** The `mean` denominator D of a binary case (RED-3.3, PRO-6). */
function binaryDenominator(c: ValidCase): number {
  const { weight } = c;
  if (c.rules.binaryMeanDenominator === 'elements' || weight === undefined) return c.positions;
  let nonzero = 0;
  for (let i = 0; i < c.positions; i++) if (weight[i % weight.length] !== 0) nonzero++;
  return nonzero;
}

/** How per-position losses and gradients turn into the case's outputs. */
export interface Reducer {
  /** RED-1..4 applied to the per-position losses (ignored positions hold 0). */
  reduce(losses: Float64Array): Float64Array;
  /** The factor the reduction puts on every position's gradient, applied in `scale`. */
  scale(g: number): number;
}

/** The reducer of a case: its denominator is computed once (it does not depend on the input). */
export function reducerFor(c: ValidCase, k: LossKernels): Reducer {
  if (c.reduction === 'none') return { reduce: (losses) => losses, scale: (g) => g };
  if (c.reduction === 'sum') return { reduce: (losses) => Float64Array.of(k.sum(losses)), scale: (g) => g };
  const d = c.loss === 'softmax_cross_entropy' ? softmaxDenominator(c, k) : binaryDenominator(c);
  if (d === 0 && c.rules.emptyMean === 'zero') return { reduce: () => Float64Array.of(0), scale: () => 0 };
  return {
    reduce: (losses) => Float64Array.of(k.mean(losses, d)),
    scale: (g) => k.round(g / d),
  };
}
