/**
 * `classes` (spec/stability.md#SWP-5): the class count C, from 2 to 131072, of two rows whose
 * logits lie in [−8, 0]; the first row's target is its maximum, the second's its minimum. Each
 * row draws its logits in class order, so the row of C + 1 classes extends the row of C.
 */
import type { Dtype } from '../../case/types.js';
import { roundTo } from '../../numeric/dtype.js';
import type { CaseJson } from '../../../properties/families/family.js';
import { pointId, rowRng, softmaxRowsCase, type SoftmaxRow, type Sweep } from './sweep.js';

export const CLASSES_ROW_SPREAD = 8;
export const MAX_CLASSES = 131072;

function classesRow(count: number, dtype: Dtype, seed: number, row: number): SoftmaxRow {
  const rng = rowRng(seed, row);
  const round = roundTo(dtype);
  const logits = Array.from({ length: count }, () => round(-CLASSES_ROW_SPREAD * rng.next()));
  let target = 0;
  for (let j = 1; j < count; j++) {
    const better = row === 0 ? logits[j]! > logits[target]! : logits[j]! < logits[target]!;
    if (better) target = j;
  }
  return { logits, target };
}

/** The `classes` case with `count` classes. */
export function classesCase(count: number, dtype: Dtype, seed: number): CaseJson {
  const built = [0, 1].map((i) => classesRow(count, dtype, seed, i));
  return softmaxRowsCase(pointId('classes', dtype, count), dtype, built);
}

export const classesSweep: Sweep = {
  name: 'classes',
  loss: 'softmax_cross_entropy',
  quantity: 'classes',
  axis: 'class count C',
  toward: 'up',
  clause: 'SWP-5',
  description: "Two rows of C logits in [−8, 0]; the first row's target is its maximum, the second's its minimum.",
  integer: true,
  range: () => [2, MAX_CLASSES],
  build: (count, dtype, seed) => classesCase(count, dtype, seed),
};
