/**
 * Backend-test directories ↔ cases. A SoftmaxCrossEntropyLoss directory (node or expanded) is
 * a softmax CE case of profile `onnx`, one per data set; its stored outputs are the expected
 * values. A NegativeLogLikelihoodLoss directory maps to no case: NLL takes log-probabilities, and
 * no softmax CE case has its value (CE depends only on differences of logits, CE-2.1, while
 * NLL(v + c) = NLL(v) − c·w_t), so it is compared only by running its own model (runModel.ts).
 */
import type { LossCase, LossValues } from '../../case/types.js';
import type { BackendTest, DataSet } from './backendTest.js';
import { findLossNode, type LossNode } from './lossNode.js';
import type { DecodedTensor } from './tensorProto.js';

export interface BackendCase {
  /** `<directory>/<data set>`. */
  readonly id: string;
  readonly case: LossCase;
  /** The stored outputs: `loss` (output_0) and `logProb` (output_1) when the model has it. */
  readonly expected: LossValues;
}

export type BackendMapping =
  | { readonly kind: 'cases'; readonly node: LossNode; readonly cases: readonly BackendCase[] }
  | { readonly kind: 'unmapped'; readonly reason: string };

export const NLL_REASON =
  'NegativeLogLikelihoodLoss takes log-probabilities, which no softmax CE case expresses (CE-2.1: CE depends only on differences of logits); run the model itself';

function floatDtype(t: DecodedTensor): LossCase['dtype'] {
  if (t.dtype === 'int32' || t.dtype === 'int64') throw new Error(`input ${t.name}: scores must be floating point, got ${t.dtype}`);
  return t.dtype;
}

/** Graph inputs in the node's order (scores, labels, weights), as onnx's `expect` lays them out. */
function dataSetCase(test: BackendTest, node: LossNode, set: DataSet): BackendCase {
  const [scores, labels, weights] = set.inputs;
  if (!scores || !labels) throw new Error(`${test.name}/${set.name}: needs scores and labels inputs`);
  const logProb = set.outputs[1];
  const id = `${test.name}/${set.name}`;
  const c: LossCase = {
    id,
    loss: 'softmax_cross_entropy',
    dtype: floatDtype(scores),
    shape: scores.dims,
    input: scores.values,
    targetKind: 'index',
    target: labels.values,
    weight: weights?.values,
    ignoreIndex: node.ignoreIndex,
    labelSmoothing: 0,
    reduction: node.reduction,
    profile: 'onnx',
    outputs: logProb ? ['loss', 'logProb'] : ['loss'],
  };
  const loss = set.outputs[0];
  if (!loss) throw new Error(`${id}: no output_0.pb`);
  return { id, case: c, expected: { loss: loss.values, logProb: logProb?.values } };
}

/** The cases of a backend-test directory, or why it has none. */
export function backendTestCases(test: BackendTest): BackendMapping {
  const node = findLossNode(test.model);
  if (typeof node === 'string') return { kind: 'unmapped', reason: node };
  if (node.op === 'NegativeLogLikelihoodLoss') return { kind: 'unmapped', reason: NLL_REASON };
  return { kind: 'cases', node, cases: test.dataSets.map((set) => dataSetCase(test, node, set)) };
}
