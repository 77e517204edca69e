/**
 * `offset` (spec/stability.md#SWP-4): a row of logits within 4 of each other, shifted as a whole
 * by `v` (even rows) or `−v` (odd rows). The exact loss barely moves (only through the rounding
 * of the shifted logits): shift invariance should make the offset harmless.
 */
import type { Dtype } from '../../case/types.js';
import { FORMATS, roundTo } from '../../numeric/dtype.js';
import type { CaseJson } from '../../../properties/families/family.js';
import { pointId, rowRng, softmaxRowsCase, type SoftmaxRow, type Sweep } from './sweep.js';

/** The width of the row before the shift. */
export const OFFSET_ROW_SPREAD = 4;

function offsetRow(v: number, dtype: Dtype, seed: number, row: number, classes: number): SoftmaxRow {
  const rng = rowRng(seed, row);
  const round = roundTo(dtype);
  const shift = row % 2 === 0 ? v : -v;
  const top = row % classes;
  const logits = Array.from({ length: classes }, (_, j) => {
    const below = OFFSET_ROW_SPREAD * rng.next();
    return round(j === top ? shift : shift - below);
  });
  return { logits, target: rng.int(classes) };
}

/** The `offset` case at offset `v`. */
export function offsetCase(v: number, dtype: Dtype, seed: number, classes = 8, rows = 8): CaseJson {
  const built = Array.from({ length: rows }, (_, i) => offsetRow(v, dtype, seed, i, classes));
  return softmaxRowsCase(pointId('offset', dtype, v), dtype, built);
}

export const offsetSweep: Sweep = {
  name: 'offset',
  loss: 'softmax_cross_entropy',
  quantity: 'offset',
  axis: 'offset v of the whole row',
  toward: 'up',
  clause: 'SWP-4',
  description: 'Rows of logits within 4 of each other, shifted as a whole by +v or −v: the exact loss barely moves.',
  integer: false,
  range: (dtype) => [1, FORMATS[dtype].maxFinite / 2],
  build: (v, dtype, seed) => offsetCase(v, dtype, seed),
};
