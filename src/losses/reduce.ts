/**
 * Reductions and their denominators (RED-1..5, PRO-6, PRO-7, GRAD-3).
 */
import { hasClassAxis, hasSoftmax } from '../case/types.js';
import { Label, type ValidCase } from '../case/validate.js';
import type { LossKernels } from './kernels.js';

/** The `mean` denominator D of a softmax CE case (RED-3.1, RED-3.2, PRO-6). */
function softmaxDenominator<T>(c: ValidCase, k: LossKernels<T>): T {
  const { labels } = c;
  const { arith } = k;
  if (labels === undefined || c.rules.indexMeanDenominator === 'positions') return arith.of(c.positions);
  const kept = Array.from(labels).filter((label) => label !== Label.ignored);
  const { weight } = c;
  if (c.rules.indexMeanDenominator !== 'targetWeights' || !weight) return arith.of(kept.length);
  return k.sum(kept.map((label) => arith.of(weight[label]!)));
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
export interface Reducer<T> {
  /** RED-1..4 applied to the per-position losses (ignored positions hold 0). */
  reduce(losses: readonly T[]): T[];
  /** The reduction's factor on a gradient component of position `i`, then its upstream gradient (UP-2). */
  scale(g: T, i: number): T;
}

/** UP-2: the upstream gradient of position `i` (one per position under `none`, one otherwise). */
function withUpstream<T>(c: ValidCase, k: LossKernels<T>, scale: (g: T) => T): (g: T, i: number) => T {
  const { upstream } = c;
  if (!upstream) return scale;
  const perPosition = c.reduction === 'none';
  return (g, i) => k.arith.mul(scale(g), k.arith.of(upstream[perPosition ? i : 0]!));
}

/** The reducer of a case: its denominator is formed once (it does not depend on the input). */
export function reducerFor<T>(c: ValidCase, k: LossKernels<T>): Reducer<T> {
  const identity = (g: T) => g;
  if (c.reduction === 'none') return { reduce: (losses) => [...losses], scale: withUpstream(c, k, identity) };
  if (c.reduction === 'sum') return { reduce: (losses) => [k.sum(losses)], scale: withUpstream(c, k, identity) };
  const { arith } = k;
  const d = hasClassAxis(c.loss) || hasSoftmax(c.loss) ? softmaxDenominator(c, k) : arith.of(binaryDenominator(c));
  if (c.rules.emptyMean === 'zero' && arith.isZero(d))
    return { reduce: () => [arith.of(0)], scale: withUpstream(c, k, () => arith.of(0)) };
  return {
    reduce: (losses) => [k.mean(losses, d)],
    scale: withUpstream(c, k, (g) => arith.div(g, d)),
  };
}
