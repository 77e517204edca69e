/**
 * A decoded case → the graph that computes it and the tensors to feed. Only structural checks
 * (what a tensor needs) happen here; the profile's rules are left to ORT to honour or not.
 */
import { PROFILE_RULES } from '../../case/profiles.js';
import type { LossCase } from '../../case/types.js';
import { broadcastDims } from './broadcast.js';
import { NAMES, onnxSoftmaxDims, positionDims } from './graphParts.js';
import type { BcelGraphForm, GraphSpec, SceOpset, SceSpec } from './graphSpec.js';
import { LM_NAMES, type LanguageModelSpec } from './languageModelGraph.js';
import { floatTensor, labelTensor, scalarTensor, type TensorData } from './tensors.js';

/** How the `ort` implementations build graphs. */
export interface GraphChoices {
  /** The opset of the loss operators (SoftmaxCrossEntropyLoss, NegativeLogLikelihoodLoss). */
  readonly sceOpset: SceOpset;
  readonly scePath: SceSpec['path'];
  readonly bcelForm: BcelGraphForm;
}

export interface GraphRun {
  readonly spec: GraphSpec;
  readonly feeds: Record<string, TensorData>;
}

/** LS-1's `1 − ε` and `ε/K`, computed in binary64 and rounded once into the dtype, as scalars a kernel holds. */
function smoothingFeeds(c: LossCase, classes: number): Record<string, TensorData> {
  return {
    [NAMES.keep]: scalarTensor(c.dtype, 1 - c.labelSmoothing),
    [NAMES.share]: scalarTensor(c.dtype, c.labelSmoothing / classes),
  };
}

/**
 * The parts of the losses language models train with (languageModelGraph.ts) and their feeds:
 * linear CE's h, W and b (its logits `[N, V]`), the cap and z as scalars of the dtype, as a kernel
 * holds them.
 */
function languageModelRun(c: LossCase): { lm: LanguageModelSpec; dims: number[]; feeds: Record<string, TensorData> } {
  const linear = c.loss === 'linear_cross_entropy';
  const lm: LanguageModelSpec = {
    linear: linear && { bias: c.linearBias !== undefined },
    cap: c.logitSoftcap !== undefined,
    zLoss: c.zLoss !== 0,
    lse: c.outputs.includes('lse'),
  };
  const [rows, hidden] = c.shape;
  const dims = linear ? [rows!, c.linearWeight!.length / hidden!] : onnxSoftmaxDims(c.shape, c.profile);
  const feeds: Record<string, TensorData> = linear
    ? {
        [LM_NAMES.hidden]: floatTensor(c.dtype, c.input, [rows!, hidden!]),
        [LM_NAMES.linearWeight]: floatTensor(c.dtype, c.linearWeight!, [dims[1]!, hidden!]),
        ...(c.linearBias && { [LM_NAMES.linearBias]: floatTensor(c.dtype, c.linearBias, [dims[1]!]) }),
      }
    : { [NAMES.input]: floatTensor(c.dtype, c.input, dims) };
  if (lm.cap) feeds[LM_NAMES.cap] = scalarTensor(c.dtype, c.logitSoftcap!);
  if (lm.zLoss) feeds[LM_NAMES.z] = scalarTensor(c.dtype, c.zLoss);
  return { lm, dims, feeds };
}

/**
 * Softmax CE (and linear CE): the operator for index targets; the smoothing graph when ε > 0
 * (PyTorch smooths only then: PRO-4); the probability graph for probability targets. Without
 * `ignoreIndex` the profile's default applies: −100 for torch, set explicitly since ONNX has none
 * (PRO-1).
 */
function softmaxRun(c: LossCase, choices: GraphChoices): GraphRun {
  const { lm, dims, feeds: logitFeeds } = languageModelRun(c);
  if (dims.length === 0)
    throw new Error(`shape [${c.shape.join(', ')}]: softmax CE needs [C] or [N, C, d1..dk] (CE-1.1)`);
  const common = {
    dtype: c.dtype,
    rank: dims.length,
    reduction: c.reduction,
    weighted: c.weight !== undefined,
    logProb: c.outputs.includes('logProb'),
    lm,
  };
  const smoothed = c.labelSmoothing > 0;
  const feeds: Record<string, TensorData> = {
    ...logitFeeds,
    [NAMES.target]:
      c.targetKind === 'index' ? labelTensor(c.target, positionDims(dims)) : floatTensor(c.dtype, c.target, dims),
    ...(c.weight && { [NAMES.weight]: floatTensor(c.dtype, c.weight, [c.weight.length]) }),
    ...(smoothed && smoothingFeeds(c, dims[1]!)),
  };
  if (c.targetKind === 'probability') return { spec: { ...common, kind: 'probability', smoothed }, feeds };
  const ignoreIndex = c.ignoreIndex ?? PROFILE_RULES[c.profile].defaultIgnoreIndex;
  if (smoothed) return { spec: { ...common, kind: 'smoothedIndex', ignoreIndex }, feeds };
  return { spec: { ...common, kind: 'sce', opset: choices.sceOpset, path: choices.scePath, ignoreIndex }, feeds };
}

/** BCE (BCE-1) or BCE with logits (BCEL-1) with weight and posWeight laid out to broadcast. */
function binaryRun(c: LossCase, choices: GraphChoices): GraphRun {
  if (c.outputs.includes('logProb')) throw new Error('outputs: logProb is an output of softmax CE only (FMT-1)');
  const common = { dtype: c.dtype, rank: c.shape.length, reduction: c.reduction, weighted: c.weight !== undefined };
  const feeds: Record<string, TensorData> = {
    [NAMES.input]: floatTensor(c.dtype, c.input, c.shape),
    [NAMES.target]: floatTensor(c.dtype, c.target, c.shape),
    ...(c.weight && {
      [NAMES.weight]: floatTensor(c.dtype, c.weight, broadcastDims(c.weight.length, c.shape, 'weight')),
    }),
  };
  if (c.loss === 'binary_cross_entropy') return { spec: { ...common, kind: 'bce' }, feeds };
  if (c.posWeight)
    feeds[NAMES.posWeight] = floatTensor(c.dtype, c.posWeight, broadcastDims(c.posWeight.length, c.shape, 'posWeight'));
  return { spec: { ...common, kind: 'bcel', form: choices.bcelForm, posWeighted: c.posWeight !== undefined }, feeds };
}

/**
 * NLL on the input as it is (NLL-1). The operator has no smoothing, probability targets or
 * second output: such a case is rejected, as its profile rejects it (PRO-16, FMT-4).
 */
function nllRun(c: LossCase, choices: GraphChoices): GraphRun {
  if (c.outputs.includes('logProb'))
    throw new Error('outputs: logProb is not an output of negative_log_likelihood (NLL-1)');
  if (c.targetKind !== 'index')
    throw new Error('targetKind: NegativeLogLikelihoodLoss takes class indices only (NLL-1)');
  if (c.labelSmoothing !== 0)
    throw new Error('labelSmoothing: NegativeLogLikelihoodLoss has no label smoothing (NLL-1)');
  const dims = onnxSoftmaxDims(c.shape, c.profile);
  const feeds: Record<string, TensorData> = {
    [NAMES.input]: floatTensor(c.dtype, c.input, dims),
    [NAMES.target]: labelTensor(c.target, positionDims(dims)),
    ...(c.weight && { [NAMES.weight]: floatTensor(c.dtype, c.weight, [c.weight.length]) }),
  };
  const ignoreIndex = c.ignoreIndex ?? PROFILE_RULES[c.profile].defaultIgnoreIndex;
  const spec = {
    kind: 'nll',
    opset: choices.sceOpset,
    dtype: c.dtype,
    rank: dims.length,
    reduction: c.reduction,
    ignoreIndex,
    weighted: c.weight !== undefined,
  } as const;
  return { spec, feeds };
}

export function graphRunFor(c: LossCase, choices: GraphChoices): GraphRun {
  if (c.loss === 'softmax_cross_entropy' || c.loss === 'linear_cross_entropy') return softmaxRun(c, choices);
  return c.loss === 'negative_log_likelihood' ? nllRun(c, choices) : binaryRun(c, choices);
}
