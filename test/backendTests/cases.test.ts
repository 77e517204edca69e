/**
 * The importer on what real onnx directories may hold (issue 5): typed fields instead of
 * raw_data, int32 labels, an omitted optional weights input, weights as an initializer, opset 12
 * and 22 models, outputs in another order; each maps to the case its data says.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { backendTestCases, type BackendCase } from '../../src/backendTests/cases.js';
import type { BackendTest } from '../../src/backendTests/layout.js';
import { NODE_TESTS } from '../../src/backendTests/nodeTests/catalog.js';
import { nodeTests } from '../../src/backendTests/nodeTests/generate.js';
import { ELEMENT_TYPE, type ModelProto } from '../../src/oracles/onnx/onnxProto.js';
import { ortImplementation } from '../../src/oracles/onnx/ort.js';
import { runBackendModel } from '../../src/oracles/onnx/runModel.js';
import { decodeTensor, encodeTensor } from '../../src/oracles/onnx/tensorProto.js';

const ort = ortImplementation('ort');
afterAll(() => ort.close());

/** The node test (or its `_expanded` twin) of a catalogue name. */
function generated(name: string, expanded = false): BackendTest {
  return nodeTests(NODE_TESTS.find((d) => d.name === name)!)[expanded ? 1 : 0]!;
}

function firstCase(test: BackendTest): BackendCase {
  const mapping = backendTestCases(test);
  if (mapping.kind !== 'cases') throw new Error(mapping.reason);
  return mapping.cases[0]!;
}

/** A copy of the model with its graph changed. */
const withGraph = (
  test: BackendTest,
  change: (g: NonNullable<ModelProto['graph']>) => Partial<NonNullable<ModelProto['graph']>>,
): BackendTest => ({
  ...test,
  model: { ...test.model, graph: { ...test.model.graph, ...change(test.model.graph!) } },
});

const BASE = 'test_sce_mean_weight_ii_log_prob';

describe('tensor storage', () => {
  it('typed fields (float_data, int64_data) read as raw_data does', () => {
    const test = generated(BASE);
    const set = test.dataSets[0]!;
    const typed = {
      ...set,
      inputs: set.inputs.map((t) => decodeTensor(encodeTensor(t, 'typed'))),
      outputs: set.outputs.map((t) => decodeTensor(encodeTensor(t, 'typed'))),
    };
    expect(firstCase({ ...test, dataSets: [typed] })).toEqual(firstCase(test));
  });

  it('int32 labels: the same case, and ORT runs the model (SCE-13 takes int32 or int64)', async () => {
    const test = generated(BASE);
    const set = test.dataSets[0]!;
    const labels = { ...set.inputs[1]!, dtype: 'int32' as const };
    const int32 = withGraph(
      { ...test, dataSets: [{ ...set, inputs: [set.inputs[0]!, labels, set.inputs[2]!] }] },
      (g) => ({
        input: g.input!.map((i) =>
          i.name === 'y' ? { ...i, type: { tensorType: { ...i.type!.tensorType, elemType: ELEMENT_TYPE.int32 } } } : i,
        ),
      }),
    );
    expect(firstCase(int32).case).toEqual(firstCase(test).case);
    expect((await runBackendModel(int32))[0]).toEqual((await runBackendModel(test))[0]);
  });
});

describe('graph shapes', () => {
  it('an omitted optional weights input ("") means no weights', () => {
    const test = generated('test_sce_mean_no_weight_ii');
    const omitted = withGraph(test, (g) => ({ node: g.node!.map((n) => ({ ...n, input: [...n.input!, ''] })) }));
    expect(firstCase(omitted).case.weight).toBeUndefined();
    expect(firstCase(omitted).case).toEqual(firstCase(test).case);
  });

  it('weights stored as an initializer are read from it', () => {
    const test = generated(BASE);
    const set = test.dataSets[0]!;
    const w = set.inputs[2]!;
    const initialized = withGraph({ ...test, dataSets: [{ ...set, inputs: set.inputs.slice(0, 2) }] }, (g) => ({
      input: g.input!.filter((i) => i.name !== 'w'),
      initializer: [{ name: 'w', dataType: ELEMENT_TYPE.float32, dims: [...w.dims], floatData: Array.from(w.values) }],
    }));
    expect(firstCase(initialized).case.weight).toEqual(w.values);
  });

  it('outputs are bound by name: log_prob declared first is still log_prob', () => {
    const test = generated(BASE, true);
    const set = test.dataSets[0]!;
    const swapped = withGraph({ ...test, dataSets: [{ ...set, outputs: [...set.outputs].reverse() }] }, (g) => ({
      output: [...g.output!].reverse(),
    }));
    expect(firstCase(swapped).expected).toEqual(firstCase(test).expected);
  });

  it.each([12, 13, 22])('an opset %i model maps, and ORT runs it', async (version) => {
    const test = generated('test_nllloss_NCd1_weight_ii');
    const stamped = { ...test, model: { ...test.model, opsetImport: [{ domain: '', version }] } };
    const bc = firstCase(stamped);
    expect(backendTestCases(stamped)).toMatchObject({ node: { opset: version, op: 'NegativeLogLikelihoodLoss' } });
    expect((await runBackendModel(stamped))[0]!.loss).toEqual((await ort.evaluate(bc.case)).loss);
  });

  it('a graph without a loss node is unmapped, with the reason', () => {
    const test = withGraph(generated(BASE), (g) => ({ node: g.node!.map((n) => ({ ...n, opType: 'Identity' })) }));
    expect(backendTestCases(test)).toEqual({
      kind: 'unmapped',
      reason: expect.stringMatching(/^no SoftmaxCrossEntropyLoss or NegativeLogLikelihoodLoss node/),
    });
  });
});
