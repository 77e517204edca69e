/**
 * Backend-test directories ↔ cases, one per data set, of profile `onnx`; the stored outputs are
 * the expected values. A SoftmaxCrossEntropyLoss directory (node or expanded) is a softmax CE
 * case; a NegativeLogLikelihoodLoss (node or expanded, expandedNll.ts) is a
 * `negative_log_likelihood` case (NLL-1, PRO-16) on its log-probabilities. A model that maps to
 * no case is compared by running its own model (runModel.ts).
 */
import type { LossCase, LossValues } from '../case/types.js';
import { bindTensors } from './binding.js';
import type { BackendTest, DataSet } from './layout.js';
import { findLossNode, type LossNode } from '../oracles/onnx/lossNode.js';
import type { DecodedTensor } from '../oracles/onnx/tensorProto.js';

export interface BackendCase {
  /** `<directory>/<data set>`. */
  readonly id: string;
  readonly case: LossCase;
  /** The stored outputs: `loss`, and `logProb` when an SCE model has its second output. */
  readonly expected: LossValues;
}

export type BackendMapping =
  | { readonly kind: 'cases'; readonly node: LossNode; readonly cases: readonly BackendCase[] }
  | { readonly kind: 'unmapped'; readonly reason: string };

function floatDtype(t: DecodedTensor): LossCase['dtype'] {
  if (t.dtype === 'int32' || t.dtype === 'int64')
    throw new Error(`input ${t.name}: scores must be floating point, got ${t.dtype}`);
  return t.dtype;
}

function dataSetCase(test: BackendTest, node: LossNode, set: DataSet): BackendCase {
  const id = `${test.name}/${set.name}`;
  const { scores, labels, weights, loss, logProb } = bindTensors(test, node, set);
  const softmax = node.op === 'SoftmaxCrossEntropyLoss';
  const withLogProb = softmax && logProb !== undefined;
  const c: LossCase = {
    id,
    loss: softmax ? 'softmax_cross_entropy' : 'negative_log_likelihood',
    dtype: floatDtype(scores),
    shape: scores.dims,
    input: scores.values,
    targetKind: 'index',
    target: labels.values,
    weight: weights?.values,
    ignoreIndex: node.ignoreIndex,
    labelSmoothing: 0,
    zLoss: 0,
    reduction: node.reduction,
    profile: 'onnx',
    outputs: withLogProb ? ['loss', 'logProb'] : ['loss'],
  };
  return { id, case: c, expected: { loss: loss.values, logProb: withLogProb ? logProb.values : undefined } };
}

/** The cases of a backend-test directory, or why it has none. */
export function backendTestCases(test: BackendTest): BackendMapping {
  const node = findLossNode(test.model);
  if (typeof node === 'string') return { kind: 'unmapped', reason: node };
  return { kind: 'cases', node, cases: test.dataSets.map((set) => dataSetCase(test, node, set)) };
}
