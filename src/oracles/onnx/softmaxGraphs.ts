/**
 * Softmax cross-entropy graphs: the ONNX operator for index targets (CE-3), and graphs of
 * primitive operators for what the operator lacks: label smoothing (LS-1, LS-2) and probability
 * targets (CE-4). And NLL on log-probabilities (NLL-1), the operator SCE's function body ends in.
 */
import type { Dim, GraphBuilder } from './graphBuilder.js';
import { ELEMENT_TYPE } from './onnxProto.js';
import { classSum, classWeightsAlongAxis1, lossOutput, NAMES, positionDims, reduceLoss } from './graphParts.js';
import type { NllSpec, ProbabilitySpec, SceSpec, SmoothedIndexSpec } from './graphSpec.js';
import {
  logSumExp,
  lseOutput,
  modelLogits,
  PLAIN_SOFTMAX,
  withZLoss,
  type LanguageModelSpec,
} from './languageModelGraph.js';

interface SoftmaxInputs {
  readonly x: string;
  readonly y: string;
  readonly w: string | undefined;
}

/**
 * The logits `x [N, C, d..]` (the input, or a linear layer's, capped: languageModelGraph.ts), the
 * target (int64 labels `[N, d..]` or probabilities like `x`), weights `[C]`.
 */
function softmaxInputs(
  g: GraphBuilder,
  dims: readonly Dim[],
  weighted: boolean,
  labels: boolean,
  lm: LanguageModelSpec = PLAIN_SOFTMAX,
): SoftmaxInputs {
  const x = modelLogits(g, lm, dims);
  const y = labels ? g.input(NAMES.target, 'int64', positionDims(dims)) : g.input(NAMES.target, g.dtype, dims);
  const w = weighted ? g.input(NAMES.weight, g.dtype, [dims[1]!]) : undefined;
  return { x, y, w };
}

/** The positions whose label is not the ignore index, or undefined when none can be ignored. */
function keptPositions(g: GraphBuilder, y: string, ignoreIndex: number | undefined): string | undefined {
  return ignoreIndex === undefined
    ? undefined
    : g.op('Not', [g.op('Equal', [y, g.constant([ignoreIndex], [], 'int64')])]);
}

/** ZL-1 (`zLoss`) and LSE-1 (`lse`) on top of a softmax CE graph's loss. */
function languageModelTail(
  g: GraphBuilder,
  spec: { readonly lm?: LanguageModelSpec | undefined; readonly reduction: SceSpec['reduction'] },
  x: string,
  loss: string,
  denominator: () => { kept: string | undefined; denominator: string | undefined },
  dims: readonly Dim[],
): string {
  const lm = spec.lm ?? PLAIN_SOFTMAX;
  const lse = lm.zLoss || lm.lse ? logSumExp(g, x) : undefined;
  lseOutput(g, lm, lse, dims);
  return lm.zLoss ? withZLoss(g, loss, lse!, { reduction: spec.reduction, ...denominator() }) : loss;
}

/** The smoothing scalars `1 − ε` and `ε/K` (LS-1). */
function smoothingInputs(g: GraphBuilder): { keep: string; share: string } {
  return { keep: g.input(NAMES.keep, g.dtype, []), share: g.input(NAMES.share, g.dtype, []) };
}

/** Reduction and ignore_index as attributes; ignore_index only when the case has one (PRO-1). */
function nllAttributes(spec: { reduction: string; ignoreIndex: number | undefined }): Record<string, string | number> {
  return { reduction: spec.reduction, ...(spec.ignoreIndex !== undefined && { ignore_index: spec.ignoreIndex }) };
}

const present = (...names: (string | undefined)[]): string[] => names.filter((n): n is string => n !== undefined);

/** CE-3 with the ONNX operator, or NLL of a LogSoftmax (LogSoftmax-13 normalises along axis 1 only). */
export function sceGraph(g: GraphBuilder, spec: SceSpec, dims: readonly Dim[]): void {
  const { x, y, w } = softmaxInputs(g, dims, spec.weighted, true, spec.lm);
  const attributes = nllAttributes(spec);
  // The operator's own output is the graph's loss unless a z term is added (backend tests bind it by name).
  const sceLoss = spec.lm?.zLoss ? 'sce_loss' : NAMES.loss;
  let logProb: string;
  if (spec.path === 'operator') {
    logProb = NAMES.logProb;
    g.node('SoftmaxCrossEntropyLoss', present(x, y, w), spec.logProb ? [sceLoss, logProb] : [sceLoss], attributes);
  } else {
    logProb = g.op('LogSoftmax', [x], { axis: 1 });
    g.node('NegativeLogLikelihoodLoss', present(logProb, y, w), [sceLoss], attributes);
  }
  const loss = languageModelTail(g, spec, x, sceLoss, () => zLossDenominator(g, spec, y, w), dims);
  lossOutput(g, loss, spec.reduction, positionDims(dims));
  if (spec.logProb) g.output(logProb, NAMES.logProb, g.dtype, dims);
}

/** ZL-2: the z term's positions and denominator, the cross-entropy's own (RED-3.1). */
function zLossDenominator(
  g: GraphBuilder,
  spec: { readonly ignoreIndex: number | undefined; readonly reduction: SceSpec['reduction'] },
  y: string,
  w: string | undefined,
): { kept: string | undefined; denominator: string | undefined } {
  const kept = keptPositions(g, y, spec.ignoreIndex);
  return { kept, denominator: spec.reduction === 'mean' ? indexDenominator(g, y, w, kept) : undefined };
}

/** NLL-1, NLL-2: the NegativeLogLikelihoodLoss operator on the input as it is. */
export function nllGraph(g: GraphBuilder, spec: NllSpec, dims: readonly Dim[]): void {
  const { x, y, w } = softmaxInputs(g, dims, spec.weighted, true);
  g.node('NegativeLogLikelihoodLoss', present(x, y, w), [NAMES.loss], nllAttributes(spec));
  lossOutput(g, NAMES.loss, spec.reduction, positionDims(dims));
}

/**
 * RED-3.1's denominator `Σ w_t` over non-ignored positions, as PyTorch's
 * `weight.gather(0, target.masked_select(~ignore_mask)).sum()`; without weights, their count
 * (summed as an integer, then converted once to the dtype).
 */
function indexDenominator(g: GraphBuilder, y: string, w: string | undefined, kept: string | undefined): string {
  const toDtype = { to: ELEMENT_TYPE[g.dtype] };
  if (w === undefined) {
    const count = kept
      ? g.op('ReduceSum', [g.op('Cast', [kept], { to: ELEMENT_TYPE.int64 })], { keepdims: 0 })
      : g.op('Size', [y]);
    return g.op('Cast', [count], toDtype);
  }
  const labels = kept ? g.op('Where', [kept, y, g.constant([0], [], 'int64')]) : y;
  const targetWeights = g.op('Gather', [w, labels], { axis: 0 });
  const counted = kept ? g.op('Where', [kept, targetWeights, g.scalar(0)]) : targetWeights;
  return g.op('ReduceSum', [counted], { keepdims: 0 });
}

/**
 * LS-2 as PyTorch composes it: `(1 − ε)·nll + (ε/K)·smooth`, where `nll` is the reduced NLL loss
 * and `smooth = −Σ_c w_c·lp_c` per position, zero at ignored ones, reduced with the same
 * denominator (RED-3.1).
 */
export function smoothedIndexGraph(g: GraphBuilder, spec: SmoothedIndexSpec, dims: readonly Dim[]): void {
  const { x, y, w } = softmaxInputs(g, dims, spec.weighted, true, spec.lm);
  const { keep, share } = smoothingInputs(g);
  const logProb = g.op('LogSoftmax', [x], { axis: 1 });
  const nll = g.op('NegativeLogLikelihoodLoss', present(logProb, y, w), nllAttributes(spec));
  const weighted = w ? g.op('Mul', [logProb, classWeightsAlongAxis1(g, w, spec.rank)]) : logProb;
  const smooth = g.op('Neg', [classSum(g, weighted)]);
  const kept = keptPositions(g, y, spec.ignoreIndex);
  const masked = kept ? g.op('Where', [kept, smooth, g.scalar(0)]) : smooth;
  const denominator = spec.reduction === 'mean' ? indexDenominator(g, y, w, kept) : undefined;
  const smoothReduced = reduceLoss(g, masked, spec.reduction, denominator);
  const smoothed = g.op('Add', [g.op('Mul', [keep, nll]), g.op('Mul', [smoothReduced, share])]);
  const loss = languageModelTail(g, spec, x, smoothed, () => ({ kept, denominator }), dims);
  lossOutput(g, loss, spec.reduction, positionDims(dims));
  if (spec.logProb) g.output(logProb, NAMES.logProb, g.dtype, dims);
}

/** CE-4: `ℓ = −Σ_c w_c·t'_c·lp_c` with `t' = (1 − ε)·t + ε/K` when smoothed; `mean` divides by P. */
export function probabilityGraph(g: GraphBuilder, spec: ProbabilitySpec, dims: readonly Dim[]): void {
  const { x, y, w } = softmaxInputs(g, dims, spec.weighted, false, spec.lm);
  const logProb = g.op('LogSoftmax', [x], { axis: 1 });
  const { keep, share } = spec.smoothed ? smoothingInputs(g) : { keep: undefined, share: undefined };
  const target = keep && share ? g.op('Add', [g.op('Mul', [y, keep]), share]) : y;
  const product = g.op('Mul', [logProb, target]);
  const weighted = w ? g.op('Mul', [product, classWeightsAlongAxis1(g, w, spec.rank)]) : product;
  const perPosition = g.op('Neg', [classSum(g, weighted)]);
  const reduced = reduceLoss(g, perPosition, spec.reduction);
  const loss = languageModelTail(g, spec, x, reduced, () => ({ kept: undefined, denominator: undefined }), dims);
  lossOutput(g, loss, spec.reduction, positionDims(dims));
  if (spec.logProb) g.output(logProb, NAMES.logProb, g.dtype, dims);
}
