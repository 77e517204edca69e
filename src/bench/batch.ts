/**
 * The benchmark's cases: softmax cross-entropy with class-index targets, deterministic logits like
 * a trained model's (a smooth pseudo-random pattern of spread ±10), as JSON (what a user feeds
 * `eval`) and decoded.
 */
import { decodeCase } from '../case/decode.js';
import type { Dtype, LossCase, OutputName } from '../case/types.js';
import { roundTo } from '../numeric/dtype.js';

/** The issue-10 batch: 4096 rows of 1000 classes. */
export const BATCH_SHAPE = [4096, 1000] as const;

/** Row r of n logits, rounded into the dtype. */
export function logitRow(n: number, r: number, dtype: Dtype = 'float64'): Float64Array {
  const round = roundTo(dtype);
  return Float64Array.from({ length: n }, (_, i) =>
    round(10 * Math.sin(i * 0.7548776662 + r * 1.3247179572) * Math.cos(i * 0.1 + r)),
  );
}

export const targetOf = (n: number, r: number): number => (r * 7919 + 3) % n;

export interface BatchOptions {
  readonly rows: number;
  readonly classes: number;
  readonly dtype?: Dtype;
  readonly outputs?: readonly OutputName[];
  readonly reduction?: 'none' | 'mean' | 'sum';
}

/** The JSON case of a batch (plain arrays, as JSON.parse gives them). */
export function batchJson(o: BatchOptions): Record<string, unknown> {
  const input: number[] = [];
  for (let r = 0; r < o.rows; r++) for (const v of logitRow(o.classes, r, o.dtype)) input.push(v);
  return {
    id: `bench-${o.rows}x${o.classes}`,
    loss: 'softmax_cross_entropy',
    dtype: o.dtype ?? 'float64',
    shape: [o.rows, o.classes],
    input,
    target: Array.from({ length: o.rows }, (_, r) => targetOf(o.classes, r)),
    reduction: o.reduction ?? 'mean',
    outputs: [...(o.outputs ?? ['loss'])],
  };
}

export const batchCase = (o: BatchOptions): LossCase => decodeCase(batchJson(o));
