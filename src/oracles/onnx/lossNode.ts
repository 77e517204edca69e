/**
 * The loss operator of a backend-test model: a SoftmaxCrossEntropyLoss or
 * NegativeLogLikelihoodLoss node, or either expanded into its function body (`*_expanded`
 * directories: SCE's is a LogSoftmax feeding a NegativeLogLikelihoodLoss node, NLL's is primitive
 * operators only, read by expandedNll.ts).
 */
import { REDUCTIONS, type Reduction } from '../../case/types.js';
import { expandedNll } from '../../backendTests/expandedNll.js';
import { int64ToNumber, type AttributeProto, type ModelProto, type NodeProto } from './onnxProto.js';

export type LossOp = 'SoftmaxCrossEntropyLoss' | 'NegativeLogLikelihoodLoss';

export interface LossNode {
  readonly op: LossOp;
  /** `node`: the operator itself; `expanded`: its function body. */
  readonly form: 'node' | 'expanded';
  /** Default `mean`, as the operators' schemas say. */
  readonly reduction: Reduction;
  /** Absent: nothing is ignored (ONNX has no default, PRO-1). */
  readonly ignoreIndex: number | undefined;
  readonly opset: number | undefined;
  /** The loss node's input names (scores or log-probabilities, labels, optional weights; '' for an omitted one). */
  readonly inputs: readonly string[];
  /** The loss node's output names (loss, and SCE's optional log_prob). */
  readonly outputs: readonly string[];
}

const isOnnxDomain = (domain: string | null | undefined): boolean => !domain || domain === 'ai.onnx';

function attributeOf(node: NodeProto, name: string): AttributeProto | undefined {
  return node.attribute?.find((a) => a.name === name);
}

function reductionOf(node: NodeProto): Reduction {
  const s = attributeOf(node, 'reduction')?.s;
  const value = s ? new TextDecoder().decode(s) : 'mean';
  if (!(REDUCTIONS as readonly string[]).includes(value))
    throw new Error(`reduction "${value}" is not none, sum or mean`);
  return value as Reduction;
}

function ignoreIndexOf(node: NodeProto): number | undefined {
  const i = attributeOf(node, 'ignore_index')?.i;
  return i === undefined || i === null ? undefined : int64ToNumber(i);
}

/** The model's loss node, or the reason there is none to map. */
export function findLossNode(model: ModelProto): LossNode | string {
  const nodes = (model.graph?.node ?? []).filter((n) => isOnnxDomain(n.domain));
  const ofType = (op: string) => nodes.filter((n) => n.opType === op);
  const version = model.opsetImport?.find((o) => isOnnxDomain(o.domain))?.version;
  const opset = version === undefined || version === null ? undefined : int64ToNumber(version);
  const sce = ofType('SoftmaxCrossEntropyLoss');
  const nll = ofType('NegativeLogLikelihoodLoss');
  const describe = (op: LossOp, form: LossNode['form'], node: NodeProto): LossNode => ({
    op,
    form,
    reduction: reductionOf(node),
    ignoreIndex: ignoreIndexOf(node),
    opset,
    inputs: node.input ?? [],
    outputs: node.output ?? [],
  });
  if (sce.length + nll.length > 1) return 'more than one loss node';
  if (sce.length === 1) return describe('SoftmaxCrossEntropyLoss', 'node', sce[0]!);
  if (nll.length === 1) {
    const expanded = ofType('LogSoftmax').length === 1;
    return describe(
      expanded ? 'SoftmaxCrossEntropyLoss' : 'NegativeLogLikelihoodLoss',
      expanded ? 'expanded' : 'node',
      nll[0]!,
    );
  }
  return expandedNll({ ...model, graph: { ...model.graph, node: nodes } }, opset);
}
