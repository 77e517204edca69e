/**
 * What identifies one loss graph: its kind, attributes, dtype and rank. A spec is the key of the
 * session cache; the sizes of the dimensions are not part of it (graphs use symbolic dims, so one
 * session serves every shape of a rank).
 */
import type { Dtype, Reduction } from '../../case/types.js';
import type { Dim } from './graphBuilder.js';
import type { LanguageModelSpec } from './languageModelGraph.js';

/**
 * The opset a SoftmaxCrossEntropyLoss model imports: 12 selects SCE-12, 13 and later SCE-13
 * (whose function body then uses that opset's NegativeLogLikelihoodLoss: NLL-22 from 22 on).
 */
export type SceOpset = number;

/** BCE with logits as PyTorch computes it (`stable`) or as its ONNX exporter emits it (`exporter`). */
export type BcelGraphForm = 'stable' | 'exporter';

interface GraphCommon {
  readonly dtype: Dtype;
  /** Rank of the input (softmax CE: ≥ 2, `[N, C, d1..dk]`). */
  readonly rank: number;
  readonly reduction: Reduction;
}

/** Index targets: the SoftmaxCrossEntropyLoss operator, or NegativeLogLikelihoodLoss of a LogSoftmax. */
export interface SceSpec extends GraphCommon {
  readonly kind: 'sce';
  /** The operator path's opset; the LogSoftmax path is always 13 (see opsetOf). */
  readonly opset: SceOpset;
  readonly path: 'operator' | 'logSoftmaxNll';
  readonly ignoreIndex: number | undefined;
  readonly weighted: boolean;
  readonly logProb: boolean;
  /** The parts of the losses language models train with; absent: plain softmax CE. */
  readonly lm?: LanguageModelSpec;
}

/** Index targets with label smoothing, composed as PyTorch composes it (LS-1, LS-2, RED-3.1). */
export interface SmoothedIndexSpec extends GraphCommon {
  readonly kind: 'smoothedIndex';
  readonly ignoreIndex: number | undefined;
  readonly weighted: boolean;
  readonly logProb: boolean;
  /** The parts of the losses language models train with; absent: plain softmax CE. */
  readonly lm?: LanguageModelSpec;
}

/** Probability targets, optionally smoothed (CE-4, LS-1, RED-3.2). */
export interface ProbabilitySpec extends GraphCommon {
  readonly kind: 'probability';
  readonly smoothed: boolean;
  readonly weighted: boolean;
  readonly logProb: boolean;
  /** The parts of the losses language models train with; absent: plain softmax CE. */
  readonly lm?: LanguageModelSpec;
}

/** Binary cross-entropy on probabilities with PyTorch's log clamp (BCE-1, RED-3.3). */
export interface BceSpec extends GraphCommon {
  readonly kind: 'bce';
  readonly weighted: boolean;
}

/** Binary cross-entropy with logits (BCEL-1, BCEL-2, RED-3.3). */
export interface BcelSpec extends GraphCommon {
  readonly kind: 'bcel';
  readonly form: BcelGraphForm;
  readonly weighted: boolean;
  readonly posWeighted: boolean;
}

/** NLL on log-probabilities: the NegativeLogLikelihoodLoss operator on the input as it is (NLL-1). */
export interface NllSpec extends GraphCommon {
  readonly kind: 'nll';
  readonly opset: number;
  readonly ignoreIndex: number | undefined;
  readonly weighted: boolean;
}

export type GraphSpec = SceSpec | SmoothedIndexSpec | ProbabilitySpec | BceSpec | BcelSpec | NllSpec;

/** A stable string for a spec: the same fields in any order give the same key. */
export function graphKey(spec: GraphSpec): string {
  return JSON.stringify(Object.entries(spec).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The opset a graph is built for: the operator's own for SoftmaxCrossEntropyLoss and
 * NegativeLogLikelihoodLoss, else 13
 * (ReduceSum with an axes input; LogSoftmax-13 normalises along one axis, where earlier versions
 * flatten every trailing dim into the class axis).
 */
export function opsetOf(spec: GraphSpec): number {
  if (spec.kind === 'nll') return spec.opset;
  return spec.kind === 'sce' && spec.path === 'operator' ? spec.opset : 13;
}

/** Symbolic dims of a spec's input: `[N, C, d1..dk]` for softmax CE and NLL, `[d0..]` for the binary losses. */
export function symbolicDims(spec: GraphSpec): Dim[] {
  const binary = spec.kind === 'bce' || spec.kind === 'bcel';
  return Array.from({ length: spec.rank }, (_, i) => (binary ? `d${i}` : i === 0 ? 'N' : i === 1 ? 'C' : `d${i - 1}`));
}
