/**
 * A case as TF.js calls: the input tensor the gradient is taken with respect to, and the loss as
 * a function of it: tf.losses.softmaxCrossEntropy, sigmoidCrossEntropy or logLoss with the case's
 * targets, weights, smoothing and reduction, as a TF.js user writes them (spec/profiles.md, tfjs).
 * Values enter as Float32Array (TF.js takes no Float64Array): exact, since support.ts admits only
 * float32 cases.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { LossCase, Reduction } from '../../case/types.js';
import type { TfModule } from './load.js';

export interface LossCall {
  /** The input in TF.js's layout: classes last for softmax CE. */
  readonly input: Tensor;
  readonly loss: (input: Tensor) => Tensor;
  /** TF.js's layout → the case's (classes back on axis 1); identity for the binary losses. */
  readonly toCaseLayout: (t: Tensor) => Tensor;
}

/** losscheck's `mean` under tfjs is TF.js's default reduction, SUM_BY_NONZERO_WEIGHTS (PRO-6). */
function reductionOf(tf: TfModule, reduction: Reduction): number {
  const { Reduction: R } = tf;
  return { none: R.NONE, sum: R.SUM, mean: R.SUM_BY_NONZERO_WEIGHTS }[reduction];
}

/** `[N, C, d1..dk]` → `[N, d1..dk, C]`: TF.js takes classes last (CE-1.3, PRO-5). */
function classAxisPermutations(rank: number): { last: number[]; back: number[] } | undefined {
  if (rank < 3) return undefined;
  const rest = Array.from({ length: rank - 2 }, (_, i) => i + 2);
  return { last: [0, ...rest, 1], back: [0, rank - 1, ...rest.map((a) => a - 1)] };
}

/** The shape of an index target: the input's without the class axis (CE-3.1). */
const positionShape = (shape: readonly number[]): number[] =>
  shape.length === 1 ? [] : [shape[0]!, ...shape.slice(2)];

/** A float32 tensor of a case's values. */
const float32 = (tf: TfModule, values: Float64Array, shape: readonly number[]): Tensor =>
  tf.tensor(Float32Array.from(values), [...shape], 'float32');

function softmaxCall(tf: TfModule, c: LossCase): LossCall {
  const perms = classAxisPermutations(c.shape.length);
  const toClassLast = (t: Tensor) => (perms ? tf.transpose(t, perms.last) : t);
  const classes = c.shape.length === 1 ? c.shape[0]! : c.shape[1]!;
  // Index targets as a TF.js user passes them: tf.oneHot of int32 labels, int32 itself (PRO-3,
  // PRO-15). Not the float32 form: the WebAssembly backend writes int32 bits into it (findings).
  const labels =
    c.targetKind === 'index'
      ? tf.oneHot(tf.tensor(Int32Array.from(c.target), positionShape(c.shape), 'int32'), classes)
      : toClassLast(float32(tf, c.target, c.shape));
  const reduction = reductionOf(tf, c.reduction);
  return {
    input: toClassLast(float32(tf, c.input, c.shape)),
    loss: (x) => tf.losses.softmaxCrossEntropy(labels, x, undefined, c.labelSmoothing, reduction),
    toCaseLayout: (t) => (perms ? tf.transpose(t, perms.back) : t),
  };
}

/** The weight's shape: the input's, its last dimension's, or a scalar (BCE-5). */
function weightShape(c: LossCase, length: number): number[] {
  const size = c.input.length;
  if (length === size) return [...c.shape];
  if (length === c.shape[c.shape.length - 1]) return [length];
  return [];
}

function binaryCall(tf: TfModule, c: LossCase): LossCall {
  const targets = float32(tf, c.target, c.shape);
  const weights = c.weight ? float32(tf, c.weight, weightShape(c, c.weight.length)) : undefined;
  const reduction = reductionOf(tf, c.reduction);
  const loss =
    c.loss === 'binary_cross_entropy'
      ? (p: Tensor) => tf.losses.logLoss(targets, p, weights, undefined, reduction)
      : (x: Tensor) => tf.losses.sigmoidCrossEntropy(targets, x, weights, c.labelSmoothing, reduction);
  return { input: float32(tf, c.input, c.shape), loss, toCaseLayout: (t) => t };
}

/** The TF.js call of a case (softmax CE or a binary loss; support.ts declines the rest). */
export function lossCall(tf: TfModule, c: LossCase): LossCall {
  return c.loss === 'softmax_cross_entropy' ? softmaxCall(tf, c) : binaryCall(tf, c);
}
