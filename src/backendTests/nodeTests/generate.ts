/**
 * Directories in the layout of onnx's generated node tests (test_sce_*, test_nllloss_*, and
 * their `_expanded` twins with the operators' function bodies). numpy's RNG cannot be
 * reproduced bit for bit, so the data is losscheck's own: seeded uniform float32 inputs in [0, 1)
 * (as `np.random.rand`), labels in [0, C) with the first one set to ignore_index when there is one
 * (as onnx sets `labels[0]...[0]`), outputs computed in float64 and stored as float32.
 */
import { writeBackendTest, type BackendTest } from '../layout.js';
import { GraphBuilder } from '../../oracles/onnx/graphBuilder.js';
import { NODE_TEST_OPSET, NODE_TESTS, type NodeTestDefinition } from './catalog.js';
import { expandedNllGraph, expandedSceGraph } from './expanded.js';
import { logSoftmax64, nll64 } from './expected.js';
import type { DecodedTensor } from '../../oracles/onnx/tensorProto.js';

/** mulberry32: a small seeded generator of uniform doubles in [0, 1). */
function uniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

interface NodeTestNames {
  readonly scores: string;
  readonly labels: string;
  readonly weights: string;
  readonly loss: string;
}

const NAMES_OF: Readonly<Record<NodeTestDefinition['op'], NodeTestNames>> = {
  SoftmaxCrossEntropyLoss: { scores: 'x', labels: 'y', weights: 'w', loss: 'z' },
  NegativeLogLikelihoodLoss: { scores: 'input', labels: 'target', weights: 'weight', loss: 'loss' },
};

const float32 = (values: ArrayLike<number>): Float64Array => Float64Array.from(values, (v) => Math.fround(v));

/** Inputs in onnx's draw order: x, then labels, then random weights. */
function drawInputs(def: NodeTestDefinition, seed: number): DecodedTensor[] {
  const next = uniform(seed);
  const names = NAMES_OF[def.op];
  const count = def.dims.reduce((a, b) => a * b, 1);
  const classes = def.dims[1]!;
  const positionDims = def.dims.filter((_, i) => i !== 1);
  const x = float32(Array.from({ length: count }, next));
  const labels = Float64Array.from({ length: count / classes }, () => Math.floor(next() * classes));
  if (def.ignoreIndex !== undefined) labels[0] = def.ignoreIndex;
  const inputs: DecodedTensor[] = [
    { name: names.scores, dtype: 'float32', dims: def.dims, values: x },
    { name: names.labels, dtype: 'int64', dims: positionDims, values: labels },
  ];
  if (def.weights) {
    const weights = def.weights === 'random' ? Array.from({ length: classes }, next) : def.weights;
    inputs.push({ name: names.weights, dtype: 'float32', dims: [classes], values: float32(weights) });
  }
  return inputs;
}

function expectedOutputs(def: NodeTestDefinition, inputs: readonly DecodedTensor[]): DecodedTensor[] {
  const [x, labels, weights] = inputs;
  const logProb = def.op === 'SoftmaxCrossEntropyLoss' ? logSoftmax64(x!.values, def.dims) : x!.values;
  const loss = nll64({
    logProb,
    dims: def.dims,
    labels: labels!.values,
    weights: weights?.values,
    reduction: def.reduction,
    ignoreIndex: def.ignoreIndex,
  });
  const lossDims = def.reduction === 'none' ? labels!.dims : [];
  const outputs: DecodedTensor[] = [
    { name: NAMES_OF[def.op].loss, dtype: 'float32', dims: lossDims, values: float32(loss) },
  ];
  if (def.logProb) outputs.push({ name: 'log_prob', dtype: 'float32', dims: def.dims, values: float32(logProb) });
  return outputs;
}

/** Graph inputs and outputs of a node test, with the data set's concrete dims. */
function declareInterface(g: GraphBuilder, inputs: readonly DecodedTensor[], outputs: readonly DecodedTensor[]): void {
  for (const t of inputs) g.input(t.name, t.dtype, t.dims);
  for (const t of outputs) g.output(t.name, t.name, t.dtype, t.dims);
}

/** onnx.helper.make_node writes attributes in sorted order. */
function attributesOf(def: NodeTestDefinition): Record<string, string | number> {
  return { ...(def.ignoreIndex !== undefined && { ignore_index: def.ignoreIndex }), reduction: def.reduction };
}

type Model = BackendTest['model'];

/** The one-node model onnx's `expect` writes. */
function nodeModel(
  def: NodeTestDefinition,
  inputs: readonly DecodedTensor[],
  outputs: readonly DecodedTensor[],
): Model {
  const g = new GraphBuilder('float32');
  g.node(
    def.op,
    inputs.map((t) => t.name),
    outputs.map((t) => t.name),
    attributesOf(def),
  );
  declareInterface(g, inputs, outputs);
  return g.model(NODE_TEST_OPSET[def.op], def.name, 'backend-test');
}

/** The `_expanded` twin: the operator's function body between the same inputs and outputs, at the same opset. */
function expandedModel(
  def: NodeTestDefinition,
  inputs: readonly DecodedTensor[],
  outputs: readonly DecodedTensor[],
): Model {
  const g = new GraphBuilder('float32');
  const [inputNames, outputNames] = [inputs.map((t) => t.name), outputs.map((t) => t.name)];
  if (def.op === 'SoftmaxCrossEntropyLoss') expandedSceGraph(g, def, inputNames, outputNames);
  else expandedNllGraph(g, def, inputNames, outputNames[0]!);
  declareInterface(g, inputs, outputs);
  return g.model(NODE_TEST_OPSET[def.op], `${def.name}_expanded`, 'backend-test');
}

/** The test of a definition and its `_expanded` twin, sharing one data set. */
export function nodeTests(def: NodeTestDefinition, seed = 0): BackendTest[] {
  const inputs = drawInputs(def, seed);
  const outputs = expectedOutputs(def, inputs);
  const dataSets = [{ name: 'test_data_set_0', inputs, outputs }];
  return [
    { name: def.name, model: nodeModel(def, inputs, outputs), dataSets },
    { name: `${def.name}_expanded`, model: expandedModel(def, inputs, outputs), dataSets },
  ];
}

/** Write every node test under `outDir`; returns the directories. */
export async function writeNodeTests(outDir: string, seed = 0): Promise<string[]> {
  const dirs: string[] = [];
  for (const test of NODE_TESTS.flatMap((def) => nodeTests(def, seed))) dirs.push(await writeBackendTest(outDir, test));
  return dirs;
}
