/**
 * Softmax cross-entropy, position by position (CE-1..5, LS, IGN, RED, GRAD-1..3), around one
 * implementation's kernels.
 */
import type { ValidCase } from '../case/validate.js';
import { CoefficientBuilder } from './coefficients.js';
import type { LossKernels } from './kernels.js';
import { reducerFor } from './reduce.js';

/** Outputs in the implementation's number type: `loss` always, the others when asked for. */
export interface DriverValues<T> {
  loss: T[];
  grad?: T[] | undefined;
  logProb?: T[] | undefined;
}

/** CE-2.2: NaN or +∞ anywhere, or nothing above −∞. */
export function isUndefinedRow(row: Float64Array): boolean {
  let max = -Infinity;
  for (let j = 0; j < row.length; j++) {
    const v = row[j]!;
    if (Number.isNaN(v) || v === Infinity) return true;
    if (v > max) max = v;
  }
  return max === -Infinity;
}

/** Storage index of class `j` at position `i` (CE-1.1). */
export function classOffset(c: ValidCase, i: number, j: number): number {
  const n = Math.floor(i / c.inner);
  return (n * c.classes + j) * c.inner + (i % c.inner);
}

/** The logits of position `i`: a view of the input when classes are contiguous, else gathered into `scratch`. */
function rowAt(c: ValidCase, i: number, scratch: Float64Array): Float64Array {
  const base = classOffset(c, i, 0);
  if (c.inner === 1) return c.input.subarray(base, base + c.classes);
  for (let j = 0; j < c.classes; j++) scratch[j] = c.input[base + j * c.inner]!;
  return scratch;
}

function scatter<T>(c: ValidCase, i: number, row: readonly T[], out: T[]): void {
  for (let j = 0; j < c.classes; j++) out[classOffset(c, i, j)] = row[j]!;
}

/**
 * IGN-1, PRO-21: the gradient of an ignored row is NaN where the framework's backward meets a
 * NaN: on a CE-2.2 row, or (Keras, which multiplies the row by 0 first) on any non-finite logit.
 */
function ignoredRowIsNaN(c: ValidCase, row: Float64Array, undefinedRow: boolean): boolean {
  return c.rules.ignoredRowNaN === 'nonFinite' ? row.some((v) => !Number.isFinite(v)) : undefinedRow;
}

/**
 * LS-2.1, PRO-17: a profile that forms the smoothed target term apart gets `0·∞ = NaN` from a
 * `−∞` target logit when `1 − ε = 0`; summing `q` first would give `±∞`.
 */
function splitTargetTermIsNaN(c: ValidCase, row: Float64Array, i: number): boolean {
  const label = c.labels?.[i] ?? -1;
  return c.rules.smoothingForm === 'split' && c.smoothing === 1 && label >= 0 && row[label] === -Infinity;
}

/** Every output of a softmax CE case, in the kernels' arithmetic. */
export function softmaxCrossEntropy<T>(c: ValidCase, k: LossKernels<T>): DriverValues<T> {
  const { arith } = k;
  const zero = arith.of(0);
  const nan = Array<T>(c.classes).fill(arith.of(NaN));
  const losses = Array<T>(c.positions).fill(zero);
  const grad = c.outputs.includes('grad') ? Array<T>(c.input.length).fill(zero) : undefined;
  const logProb = c.outputs.includes('logProb') ? Array<T>(c.input.length).fill(zero) : undefined;
  const reducer = reducerFor(c, k);
  const coefficients = new CoefficientBuilder(c, k);
  const scratch = new Float64Array(c.classes);
  for (let i = 0; i < c.positions; i++) {
    const row = rowAt(c, i, scratch);
    const undefinedRow = isUndefinedRow(row);
    if (logProb) scatter(c, i, undefinedRow ? nan : k.softmax.logSoftmax(row), logProb);
    const terms = coefficients.at(i);
    if (terms === 'ignored') {
      // IGN-1: loss 0, gradient 0 — NaN where autograd multiplies 0 by NaN (PRO-21).
      if (grad && ignoredRowIsNaN(c, row, undefinedRow)) scatter(c, i, nan, grad);
      continue;
    }
    if (terms === 'nan' || undefinedRow) {
      losses[i] = arith.of(NaN);
      // GRAD-3: NaN on an undefined row; at an optax NaN label, the log-sum-exp's gradient p.
      if (grad)
        scatter(c, i, undefinedRow ? nan : k.softmax.grad(row, coefficients.logSumExpOnly()).map(reducer.scale), grad);
      continue;
    }
    losses[i] = splitTargetTermIsNaN(c, row, i) ? arith.of(NaN) : k.softmax.loss(row, terms);
    if (grad) scatter(c, i, k.softmax.grad(row, terms).map(reducer.scale), grad);
  }
  return { loss: reducer.reduce(losses), grad, logProb };
}
