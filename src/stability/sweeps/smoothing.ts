/**
 * `smoothing` (spec/stability.md#SWP-6): the label smoothing ε from 10⁻⁶ to 1, on rows whose
 * spreads reach from a quarter of to twice the gap at which the dtype's exponential underflows
 * (U = −ln(minSubnormal/2)): smoothing asks for every class's log-probability, not just the
 * target's, so a class far below the maximum matters.
 */
import type { Dtype } from '../../case/types.js';
import { roundTo } from '../../numeric/dtype.js';
import { logUnderflow } from '../predictions.js';
import type { CaseJson } from '../../../properties/families/family.js';
import { pointId, rowRng, softmaxRowsCase, type SoftmaxRow, type Sweep } from './sweep.js';

function smoothingRow(dtype: Dtype, seed: number, row: number, rows: number, classes: number): SoftmaxRow {
  const rng = rowRng(seed, row);
  const round = roundTo(dtype);
  const spread = ((row + 1) / rows) * 2 * logUnderflow(dtype);
  const top = row % classes;
  const bottom = (top + 1 + rng.int(classes - 1)) % classes;
  const logits = Array.from({ length: classes }, (_, j) => {
    const below = rng.next();
    return j === top ? 0 : round(j === bottom ? -spread : -spread * below);
  });
  return { logits, target: rng.int(classes) };
}

/** The `smoothing` case at smoothing `epsilon`. */
export function smoothingCase(epsilon: number, dtype: Dtype, seed: number, classes = 8, rows = 8): CaseJson {
  const built = Array.from({ length: rows }, (_, i) => smoothingRow(dtype, seed, i, rows, classes));
  return softmaxRowsCase(pointId('smoothing', dtype, epsilon), dtype, built, { labelSmoothing: epsilon });
}

export const smoothingSweep: Sweep = {
  name: 'smoothing',
  loss: 'softmax_cross_entropy',
  quantity: 'smoothing',
  axis: 'label smoothing ε',
  toward: 'up',
  clause: 'SWP-6',
  description:
    "Rows spreading from a quarter to twice the gap at which exp underflows, with label smoothing ε: every class's log-probability counts.",
  integer: false,
  range: () => [1e-6, 1],
  build: (epsilon, dtype, seed) => smoothingCase(epsilon, dtype, seed),
};
