/**
 * Which tensor of a data set is which: graph inputs and outputs are bound by name to the loss
 * node's inputs and outputs (input_<k>.pb is the k-th graph input that is not an initializer, as
 * onnx's backend runner feeds them), so an omitted optional input, a reordered graph or a weight
 * stored as an initializer are read correctly.
 */
import type { BackendTest, DataSet } from './layout.js';
import type { LossNode } from '../oracles/onnx/lossNode.js';
import { fromTensorProto, type DecodedTensor } from '../oracles/onnx/tensorProto.js';

export interface BoundTensors {
  /** Scores (SCE) or log-probabilities (NLL), `[N, C, d1..dk]`. */
  readonly scores: DecodedTensor;
  readonly labels: DecodedTensor;
  readonly weights: DecodedTensor | undefined;
  readonly loss: DecodedTensor;
  /** SCE's second output, when the model has it. */
  readonly logProb: DecodedTensor | undefined;
}

/** Graph input names that are fed from the data set (initializers excluded). */
function fedInputs(test: BackendTest): string[] {
  const initialized = new Set((test.model.graph?.initializer ?? []).map((t) => t.name));
  return (test.model.graph?.input ?? []).map((i) => i.name ?? '').filter((n) => !initialized.has(n));
}

function inputTensor(test: BackendTest, set: DataSet, name: string): DecodedTensor {
  const k = fedInputs(test).indexOf(name);
  if (k >= 0) {
    const tensor = set.inputs[k];
    if (!tensor) throw new Error(`${set.name}: no input_${k}.pb for graph input ${name}`);
    return tensor;
  }
  const initializer = test.model.graph?.initializer?.find((t) => t.name === name);
  if (!initializer) throw new Error(`input ${name} is neither a graph input nor an initializer`);
  return fromTensorProto(initializer);
}

function outputTensor(test: BackendTest, set: DataSet, name: string): DecodedTensor | undefined {
  const k = (test.model.graph?.output ?? []).findIndex((o) => o.name === name);
  return k >= 0 ? set.outputs[k] : undefined;
}

/** The expanded SCE's scores: the one fed input that is neither the labels nor the weights. */
function scoresName(test: BackendTest, node: LossNode): string {
  if (node.form === 'node') return node.inputs[0]!;
  const others = fedInputs(test).filter((n) => n !== node.inputs[1] && n !== node.inputs[2]);
  if (others.length !== 1) throw new Error(`cannot tell the scores among the graph inputs ${others.join(', ')}`);
  return others[0]!;
}

/** The loss node's tensors in one data set. */
export function bindTensors(test: BackendTest, node: LossNode, set: DataSet): BoundTensors {
  const [, labels, weights] = node.inputs;
  if (!labels) throw new Error('the loss node has no labels input');
  const lossName = node.outputs[0] ?? '';
  const loss = outputTensor(test, set, lossName);
  if (!loss) throw new Error(`${set.name}: no stored output for the loss ${lossName}`);
  const others = (test.model.graph?.output ?? []).map((o) => o.name ?? '').filter((n) => n !== lossName);
  return {
    scores: inputTensor(test, set, scoresName(test, node)),
    labels: inputTensor(test, set, labels),
    weights: weights ? inputTensor(test, set, weights) : undefined,
    loss,
    logProb: others.length === 1 ? outputTensor(test, set, others[0]!) : undefined,
  };
}
