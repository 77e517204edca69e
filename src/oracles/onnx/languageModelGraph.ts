/**
 * What the losses language models train with add to the softmax CE graphs (spec/losses.md#LCE-2,
 * CAP-1, LSE-1, ZL-1): the logits of a linear layer (MatMul of h by Wᵀ, Add of b), the soft-cap
 * `c·Tanh(x/c)`, the `lse` output (ReduceLogSumExp over the class axis) and the z-loss term
 * `z·lse²`, masked at ignored positions and reduced with the cross-entropy's denominator.
 */
import type { Reduction } from '../../case/types.js';
import type { Dim, GraphBuilder } from './graphBuilder.js';
import { NAMES, positionDims, reduceLoss } from './graphParts.js';

/** The parts a softmax CE graph carries; all false for plain softmax CE. */
export interface LanguageModelSpec {
  /** LCE-2: inputs h [N, D], W [V, D] (and b [V]) instead of x. */
  readonly linear: false | { readonly bias: boolean };
  /** CAP-1: a scalar input `cap`. */
  readonly cap: boolean;
  /** ZL-1: a scalar input `z`. */
  readonly zLoss: boolean;
  /** LSE-1: an `lse` output. */
  readonly lse: boolean;
}

export const PLAIN_SOFTMAX: LanguageModelSpec = { linear: false, cap: false, zLoss: false, lse: false };

/** The input names these parts add. */
export const LM_NAMES = {
  hidden: 'h',
  linearWeight: 'W',
  linearBias: 'b',
  cap: 'cap',
  z: 'z_loss',
  lse: 'lse',
} as const;

/** The logits `[N, C, d1..dk]` the loss sees: the input, or h·Wᵀ + b; capped when asked. */
export function modelLogits(g: GraphBuilder, lm: LanguageModelSpec, dims: readonly Dim[]): string {
  let x: string;
  if (lm.linear) {
    const h = g.input(LM_NAMES.hidden, g.dtype, ['N', 'D']);
    const w = g.input(LM_NAMES.linearWeight, g.dtype, ['C', 'D']);
    const product = g.op('MatMul', [h, g.op('Transpose', [w], { perm: [1, 0] })]);
    x = lm.linear.bias ? g.op('Add', [product, g.input(LM_NAMES.linearBias, g.dtype, ['C'])]) : product;
  } else {
    x = g.input(NAMES.input, g.dtype, dims);
  }
  if (!lm.cap) return x;
  const cap = g.input(LM_NAMES.cap, g.dtype, []);
  return g.op('Mul', [cap, g.op('Tanh', [g.op('Div', [x, cap])])]);
}

/** LSE-1 over the class axis, `[N, d1..dk]`. */
export function logSumExp(g: GraphBuilder, logits: string): string {
  return g.op('ReduceLogSumExp', [logits], { axes: [1], keepdims: 0 });
}

export interface ZLossContext {
  readonly reduction: Reduction;
  /** The non-ignored positions (bool `[N, d1..dk]`), or undefined when none is ignored. */
  readonly kept: string | undefined;
  /** The mean denominator (RED-3.1), or undefined for ReduceMean over the positions (RED-3.2). */
  readonly denominator: string | undefined;
}

/** ZL-1, ZL-2: the loss plus `z·lse²` of the non-ignored positions, reduced like the loss. */
export function withZLoss(g: GraphBuilder, loss: string, lse: string, ctx: ZLossContext): string {
  const z = g.input(LM_NAMES.z, g.dtype, []);
  const term = g.op('Mul', [z, g.op('Mul', [lse, lse])]);
  const masked = ctx.kept ? g.op('Where', [ctx.kept, term, g.scalar(0)]) : term;
  return g.op('Add', [loss, reduceLoss(g, masked, ctx.reduction, ctx.denominator)]);
}

/** Declare the `lse` output when asked for. */
export function lseOutput(g: GraphBuilder, lm: LanguageModelSpec, lse: string | undefined, dims: readonly Dim[]): void {
  if (lm.lse && lse) g.output(lse, LM_NAMES.lse, g.dtype, positionDims(dims));
}
