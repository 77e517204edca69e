/**
 * Pieces shared by the loss graphs: the names of inputs and outputs, reductions (RED-1..3),
 * sums over the class axis and class weights broadcast against `[N, C, d1..dk]`.
 */
import { PROFILE_RULES } from '../../case/profiles.js';
import type { ProfileName, Reduction } from '../../case/types.js';
import type { Dim, GraphBuilder } from './graphBuilder.js';

/** Graph input and output names; those of ONNX's own SCE node tests (x, y, w → z, log_prob). */
export const NAMES = {
  input: 'x',
  target: 'y',
  weight: 'w',
  posWeight: 'pw',
  /** Label smoothing's `1 − ε` and `ε/K` (LS-1), fed as scalars of the dtype. */
  keep: 'keep',
  share: 'share',
  loss: 'z',
  logProb: 'log_prob',
} as const;

/**
 * CE-1.2: a `[C]` input is one row, `[1, C]` in ONNX's `[N, C, d1..dk]` layout, as an exporter's
 * Unsqueeze makes it — where the profile takes `[C]` (torch). Under `onnx` it stays rank 1, for
 * ONNX Runtime to say what it makes of it (PRO-20).
 */
export const onnxSoftmaxDims = (shape: readonly number[], profile: ProfileName): number[] =>
  shape.length === 1 && PROFILE_RULES[profile].unbatched ? [1, ...shape] : [...shape];

/** Dims of a softmax CE input without its class axis: the per-position shape (RED-1). */
export const positionDims = <D extends Dim>(dims: readonly D[]): D[] =>
  dims.length === 1 ? [] : dims.filter((_, i) => i !== 1); // `[C]`: one position, a scalar label (CE-1.2)

/**
 * RED-1..3: `none` keeps the per-element losses, `sum` adds them, `mean` divides the sum by
 * `denominator` when one is given and otherwise takes ReduceMean (the element count, RED-3.2,
 * RED-3.3).
 */
export function reduceLoss(g: GraphBuilder, perElement: string, reduction: Reduction, denominator?: string): string {
  if (reduction === 'none') return perElement;
  if (reduction === 'mean' && denominator === undefined) return g.op('ReduceMean', [perElement], { keepdims: 0 });
  const sum = g.op('ReduceSum', [perElement], { keepdims: 0 });
  return reduction === 'sum' ? sum : g.op('Div', [sum, denominator!]);
}

/** Declare the loss output `z`: a scalar, or the per-element shape under `none`. */
export function lossOutput(g: GraphBuilder, loss: string, reduction: Reduction, perElementDims: readonly Dim[]): void {
  g.output(loss, NAMES.loss, g.dtype, reduction === 'none' ? perElementDims : []);
}

/** Σ over the class axis of `[N, C, d1..dk]`, giving `[N, d1..dk]`. */
export function classSum(g: GraphBuilder, tensor: string): string {
  return g.op('ReduceSum', [tensor, g.constant([1], [1], 'int64')], { keepdims: 0 });
}

/** Class weights `[C]` reshaped to `[C, 1, .., 1]` so that they broadcast along axis 1 (CE-5.2). */
export function classWeightsAlongAxis1(g: GraphBuilder, weight: string, rank: number): string {
  const shape = [-1, ...Array<number>(rank - 2).fill(1)];
  return g.op('Reshape', [weight, g.constant(shape, [shape.length], 'int64')]);
}
