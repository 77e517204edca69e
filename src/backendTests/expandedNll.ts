/**
 * NegativeLogLikelihoodLoss-13 expanded into its function body (`test_nllloss_*_expanded`):
 * primitive operators only, so the attributes are read back from the body's structure, which
 * onnx's function builder fixes — the labels gathered by one GatherElements on the graph's first
 * input, `Equal(labels, Constant ignore_index)` when there is an ignore_index, and the node that
 * writes `loss` deciding the reduction (PRO-16).
 */
import type { Reduction } from '../case/types.js';
import type { LossNode } from '../oracles/onnx/lossNode.js';
import type { ModelProto, NodeProto } from '../oracles/onnx/onnxProto.js';
import { fromTensorProto } from '../oracles/onnx/tensorProto.js';

/** The body's last node → the reduction it performs (onnx's NLL function builder). */
const REDUCTION_OF_LAST_NODE: Readonly<Record<string, Reduction>> = {
  Squeeze: 'none',
  Mul: 'none',
  ReduceSum: 'sum',
  ReduceMean: 'mean',
  Div: 'mean',
};

/** The int64 value of the Constant node writing `name`, if one does. */
function constantValue(nodes: readonly NodeProto[], name: string): number | undefined {
  const tensor = nodes
    .find((n) => n.opType === 'Constant' && n.output?.[0] === name)
    ?.attribute?.find((a) => a.name === 'value')?.t;
  const values = tensor ? fromTensorProto(tensor).values : undefined;
  return values && values.length === 1 ? values[0] : undefined;
}

/** ignore_index: the constant the labels are compared with; undefined without an Equal node. */
function ignoreIndexOf(nodes: readonly NodeProto[]): number | undefined | string {
  const equal = nodes.filter((n) => n.opType === 'Equal');
  if (equal.length === 0) return undefined;
  if (equal.length > 1) return 'more than one Equal node';
  const value = (equal[0]!.input ?? []).map((name) => constantValue(nodes, name)).find((v) => v !== undefined);
  return value ?? 'the Equal node compares with no int64 Constant';
}

/** The body read as a NegativeLogLikelihoodLoss node, or why it is not one. */
export function expandedNll(model: ModelProto, opset: number | undefined): LossNode | string {
  const nodes = model.graph?.node ?? [];
  const inputs = (model.graph?.input ?? []).map((i) => i.name ?? '');
  const loss = model.graph?.output?.[0]?.name ?? '';
  const gather = nodes.filter((n) => n.opType === 'GatherElements');
  if (gather.length !== 1 || gather[0]!.input?.[0] !== inputs[0] || inputs.length < 2 || inputs.length > 3) {
    return 'no SoftmaxCrossEntropyLoss or NegativeLogLikelihoodLoss node, nor the body of an expanded NegativeLogLikelihoodLoss (one GatherElements on the first of two or three graph inputs)';
  }
  const last = nodes.find((n) => n.output?.includes(loss))?.opType ?? '';
  const reduction = REDUCTION_OF_LAST_NODE[last];
  if (reduction === undefined)
    return `an expanded NegativeLogLikelihoodLoss whose loss comes from ${last || 'no node'}, not a reduction onnx writes`;
  const ignoreIndex = ignoreIndexOf(nodes);
  if (typeof ignoreIndex === 'string') return `an expanded NegativeLogLikelihoodLoss with ${ignoreIndex}`;
  return { op: 'NegativeLogLikelihoodLoss', form: 'expanded', reduction, ignoreIndex, opset, inputs, outputs: [loss] };
}
