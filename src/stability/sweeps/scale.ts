/**
 * `scale` (spec/stability.md#SWP-2): the largest logit, from 1 to the dtype's largest finite
 * value. `ties` classes share it; every other logit is a fixed fraction below a half of it, and
 * the target is one of those (its loss grows with the scale, so an overflow, not a tiny loss,
 * is what the sweep shows).
 */
import type { Dtype } from '../../case/types.js';
import { FORMATS, roundTo } from '../../numeric/dtype.js';
import type { CaseJson } from '../../../properties/families/family.js';
import { pointId, rowRng, softmaxRowsCase, type SoftmaxRow, type Sweep } from './sweep.js';

export interface ScaleConstraints {
  /** Classes per row (default 8). */
  readonly classes?: number;
  /** Classes that share the maximum (default 1; all of them when equal to `classes`). */
  readonly ties?: number;
  /** Rows (default 8). */
  readonly rows?: number;
}

function scaleRow(x: number, dtype: Dtype, seed: number, row: number, classes: number, ties: number): SoftmaxRow {
  const rng = rowRng(seed, row);
  const round = roundTo(dtype);
  const first = row % classes;
  const tied = (j: number): boolean => (j - first + classes) % classes < ties;
  const fractions = Array.from({ length: classes }, () => rng.next() / 2);
  const logits = fractions.map((r, j) => round(tied(j) ? x : x * r));
  // The target: the n-th class below the maximum, or the first class when all are tied.
  const target = ties < classes ? (first + ties + rng.int(classes - ties)) % classes : first;
  return { logits, target };
}

/** The `scale` case at maximum logit `x`. */
export function scaleCase(x: number, dtype: Dtype, seed: number, constraints: ScaleConstraints = {}): CaseJson {
  const { classes = 8, ties = 1, rows = 8 } = constraints;
  const built = Array.from({ length: rows }, (_, i) => scaleRow(x, dtype, seed, i, classes, ties));
  return softmaxRowsCase(pointId('scale', dtype, x), dtype, built);
}

export const scaleSweep: Sweep = {
  name: 'scale',
  loss: 'softmax_cross_entropy',
  quantity: 'max logit',
  axis: 'max logit x',
  toward: 'up',
  clause: 'SWP-2',
  description:
    'Rows of 8 logits: one at the swept maximum x, the others at fixed fractions below x/2 of it; each target is one of those.',
  integer: false,
  range: (dtype) => [1, FORMATS[dtype].maxFinite],
  build: (x, dtype, seed) => scaleCase(x, dtype, seed),
};
