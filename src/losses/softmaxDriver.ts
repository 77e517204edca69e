/**
 * Softmax cross-entropy, position by position (CE-1..5, LS, IGN, RED, GRAD-1..3), around one
 * implementation's kernels.
 */
import type { LossValues } from '../case/types.js';
import type { ValidCase } from '../case/validate.js';
import { CoefficientBuilder } from './coefficients.js';
import type { LossKernels } from './kernels.js';
import { reducerFor } from './reduce.js';

/** CE-2.2: NaN or +∞ anywhere, or nothing above −∞. */
export function isUndefinedRow(row: Float64Array): boolean {
  let max = -Infinity;
  for (const v of row) {
    if (Number.isNaN(v) || v === Infinity) return true;
    if (v > max) max = v;
  }
  return max === -Infinity;
}

/** Storage index of class `j` at position `i` (CE-1.1). */
function offset(c: ValidCase, i: number, j: number): number {
  const n = Math.floor(i / c.inner);
  return (n * c.classes + j) * c.inner + (i % c.inner);
}

function gather(c: ValidCase, i: number, row: Float64Array): void {
  for (let j = 0; j < c.classes; j++) row[j] = c.input[offset(c, i, j)]!;
}

function scatter(c: ValidCase, i: number, row: ArrayLike<number>, out: Float64Array): void {
  for (let j = 0; j < c.classes; j++) out[offset(c, i, j)] = row[j]!;
}

/** Every output of a softmax CE case, in the kernels' working precision. */
export function softmaxCrossEntropy(c: ValidCase, k: LossKernels): LossValues {
  const losses = new Float64Array(c.positions);
  const grad = c.outputs.includes('grad') ? new Float64Array(c.input.length) : undefined;
  const logProb = c.outputs.includes('logProb') ? new Float64Array(c.input.length) : undefined;
  const reducer = reducerFor(c, k);
  const coefficients = new CoefficientBuilder(c, k);
  const row = new Float64Array(c.classes);
  const out = new Float64Array(c.classes);
  for (let i = 0; i < c.positions; i++) {
    gather(c, i, row);
    const undefinedRow = isUndefinedRow(row);
    if (logProb) {
      if (undefinedRow) out.fill(NaN);
      else k.softmax.logSoftmax(row, out);
      scatter(c, i, out, logProb);
    }
    const terms = coefficients.at(i);
    if (terms === 'ignored') continue; // IGN-1: loss and gradient stay 0
    if (terms === 'nan' || undefinedRow) {
      losses[i] = NaN;
      if (grad) scatter(c, i, out.fill(NaN), grad);
      continue;
    }
    losses[i] = k.softmax.loss(row, terms);
    if (grad) {
      k.softmax.grad(row, terms, out);
      scatter(c, i, out.map(reducer.scale), grad);
    }
  }
  return { loss: reducer.reduce(losses), grad, logProb };
}
