/**
 * The `_expanded` twins of the node tests: the operators' function bodies as onnx writes them
 * into test_sce_*_expanded (SoftmaxCrossEntropyLoss-13: LogSoftmax over [N, D, C], then the
 * NegativeLogLikelihoodLoss node) and test_nllloss_*_expanded (NegativeLogLikelihoodLoss's body:
 * GatherElements, the ignore mask, weights, the reduction; no loss node left). Constants are
 * Constant nodes, as in the function bodies.
 */
import { GraphBuilder } from '../../oracles/onnx/graphBuilder.js';
import { ELEMENT_TYPE } from '../../oracles/onnx/onnxProto.js';
import type { NodeTestDefinition } from './catalog.js';

/** Labels, the ignore mask and the axes constant the NLL body shares between its steps. */
interface NllBody {
  readonly g: GraphBuilder;
  readonly target: string;
  readonly gatherTarget: string;
  readonly mask: string | undefined;
  readonly axes: string;
}

/** The body's first half: labels with ignored ones replaced by 0 (and the mask that says which). */
function maskedTargets(
  g: GraphBuilder,
  def: NodeTestDefinition,
  target: string,
): Omit<NllBody, 'g' | 'target'> & { zero: string; one: string } {
  const zero = g.constantNode([0], [1], 'int64');
  const one = g.constantNode([1], [1], 'int64');
  const axes = g.constantNode([1], [1], 'int64');
  const expanded = g.op('Unsqueeze', [target, axes]);
  if (def.ignoreIndex === undefined) return { zero, one, axes, gatherTarget: expanded, mask: undefined };
  const ignore = g.constantNode([def.ignoreIndex], [1], 'int64');
  const zeroTarget = g.op('Sub', [expanded, expanded]);
  const mask = g.op('Equal', [g.op('Cast', [expanded], { to: ELEMENT_TYPE.int64 }), ignore]);
  return { zero, one, axes, gatherTarget: g.op('Where', [mask, zeroTarget, expanded]), mask };
}

/** Per-position weights: gathered class weights, 0 at ignored positions; undefined when all are 1. */
function positionWeights(b: NllBody, weight: string | undefined): string | undefined {
  const { g, mask, axes } = b;
  if (weight === undefined && mask === undefined) return undefined;
  if (mask === undefined) return g.op('Gather', [weight!, b.target]);
  const zero = g.constantNode([0], [1]);
  if (weight !== undefined)
    return g.op('Squeeze', [g.op('Where', [mask, zero, g.op('Gather', [weight, b.gatherTarget])]), axes]);
  return g.op('Where', [g.op('Squeeze', [mask, axes]), zero, g.constantNode([1], [1])]);
}

/** test_nllloss_*_expanded: NegativeLogLikelihoodLoss-13's body, its last node writing `loss`. */
export function expandedNllGraph(
  g: GraphBuilder,
  def: NodeTestDefinition,
  [input, target, weight]: readonly string[],
  loss: string,
): void {
  const { zero, one, ...masked } = maskedTargets(g, def, target!);
  const b: NllBody = { g, target: target!, ...masked };
  let gathered = g.op('GatherElements', [input!, b.gatherTarget], { axis: 1 });
  if (b.mask) gathered = g.op('Where', [b.mask, g.constantNode([0], [1]), gathered]);
  const lossN1 = g.op('Slice', [g.op('Neg', [gathered]), zero, one, one]);
  const w = positionWeights(b, weight);
  if (w === undefined) {
    if (def.reduction === 'none') return g.node('Squeeze', [lossN1, b.axes], [loss]);
    const reduce = def.reduction === 'sum' ? 'ReduceSum' : 'ReduceMean';
    return g.node(reduce, [g.op('Squeeze', [lossN1, b.axes])], [loss], { keepdims: 0 });
  }
  const product = [g.op('Squeeze', [lossN1, b.axes]), w];
  if (def.reduction === 'none') return g.node('Mul', product, [loss]);
  const lossNdd = g.op('Mul', product);
  if (def.reduction === 'sum') return g.node('ReduceSum', [lossNdd], [loss], { keepdims: 0 });
  g.node('Div', [g.op('ReduceSum', [lossNdd], { keepdims: 0 }), g.op('ReduceSum', [w], { keepdims: 0 })], [loss]);
}

/** test_sce_*_expanded: LogSoftmax over [N, D, C] reshaped back, log_prob as Identity, then the NLL node. */
export function expandedSceGraph(
  g: GraphBuilder,
  def: NodeTestDefinition,
  inputs: readonly string[],
  outputs: readonly string[],
): void {
  const [x, ...rest] = inputs;
  const ncd = g.op('Reshape', [x!, g.constantNode([0, 0, -1], [3], 'int64')]);
  const logSoftmax = g.op('LogSoftmax', [g.op('Transpose', [ncd], { perm: [0, 2, 1] })], { axis: 2 });
  const logProb = g.op('Reshape', [g.op('Transpose', [logSoftmax], { perm: [0, 2, 1] }), g.op('Shape', [x!])]);
  if (def.logProb) g.node('Identity', [logProb], [outputs[1]!]);
  const attributes = {
    reduction: def.reduction,
    ...(def.ignoreIndex !== undefined && { ignore_index: def.ignoreIndex }),
  };
  g.node('NegativeLogLikelihoodLoss', [logProb, ...rest], [outputs[0]!], attributes);
}
