/**
 * `gap` (spec/stability.md#SWP-3): the distance `g` between the row's maximum (logit 0) and the
 * nearest class below it (logit −g), from tiny losses (the target is the maximum: the loss is
 * about e^−g) to huge ones (the target is the class at −g: the loss is about g).
 */
import type { Dtype } from '../../case/types.js';
import { FORMATS, roundTo } from '../../numeric/dtype.js';
import type { CaseJson } from '../../../properties/families/family.js';
import { pointId, rowRng, softmaxRowsCase, type SoftmaxRow, type Sweep } from './sweep.js';

export interface GapConstraints {
  readonly classes?: number;
  readonly rows?: number;
}

function gapRow(g: number, dtype: Dtype, seed: number, row: number, classes: number): SoftmaxRow {
  const rng = rowRng(seed, row);
  const round = roundTo(dtype);
  const top = row % classes;
  const near = (top + 1 + rng.int(classes - 1)) % classes;
  const logits = Array.from({ length: classes }, (_, j) => {
    const further = rng.next();
    return j === top ? 0 : j === near ? round(-g) : round(-g * (1 + further));
  });
  return { logits, target: row % 2 === 0 ? top : near };
}

/** The `gap` case at gap `g`. */
export function gapCase(g: number, dtype: Dtype, seed: number, constraints: GapConstraints = {}): CaseJson {
  const { classes = 8, rows = 8 } = constraints;
  const built = Array.from({ length: rows }, (_, i) => gapRow(g, dtype, seed, i, classes));
  return softmaxRowsCase(pointId('gap', dtype, g), dtype, built);
}

export const gapSweep: Sweep = {
  name: 'gap',
  loss: 'softmax_cross_entropy',
  quantity: 'gap',
  axis: 'gap g between the maximum and the nearest class',
  toward: 'up',
  clause: 'SWP-3',
  description:
    'Rows with their maximum at 0 and the nearest class at −g, the rest further down; half the targets are the maximum (a loss of about e^−g), half the class at −g (about g).',
  integer: false,
  // Classes lie down to 2g below the maximum: the row's spread stays finite.
  range: (dtype) => [1e-3, FORMATS[dtype].maxFinite / 2],
  build: (g, dtype, seed) => gapCase(g, dtype, seed),
};
