/**
 * The generated node-test directories (the layout of onnx's test_sce_* and test_nllloss_*, with
 * their _expanded twins): fresh against fixtures/onnx/node, read back, mapped to cases (NLL-1,
 * PRO-16), and run by ORT both as their own model and as `ort` on the case, within TOL-FW of
 * the stored float32 outputs.
 */
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendTestCases } from '../../../src/backendTests/cases.js';
import { backendTestDirs, readBackendTest, type BackendTest } from '../../../src/backendTests/layout.js';
import { NODE_TESTS } from '../../../src/backendTests/nodeTests/catalog.js';
import { writeNodeTests } from '../../../src/backendTests/nodeTests/generate.js';
import { ortImplementation } from '../../../src/oracles/onnx/ort.js';
import { runBackendModel } from '../../../src/oracles/onnx/runModel.js';
import { expectFrameworkClose } from '../../oracles/onnx/closeness.js';

const FIXTURES = 'fixtures/onnx/node';
const ort = ortImplementation('ort');
let root: string;
let tests: BackendTest[];
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'losscheck-node-'));
  await writeNodeTests(root);
  tests = await Promise.all((await backendTestDirs([root])).map(readBackendTest));
});
afterAll(async () => {
  await ort.close();
  await rm(root, { recursive: true, force: true });
});

/** Every file under `dir`, relative to it, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

it('fixtures/onnx/node is fresh: regenerating gives the same files, byte for byte', async () => {
  const files = await filesUnder(root);
  expect(await filesUnder(FIXTURES)).toEqual(files);
  for (const file of files)
    expect(Buffer.compare(await readFile(join(root, file)), await readFile(join(FIXTURES, file))), file).toBe(0);
});

it('writes onnx’s names: 34 test_sce_* and 18 test_nllloss_*, each with its _expanded twin', () => {
  const names = tests.map((t) => t.name);
  expect(names).toHaveLength((34 + 18) * 2);
  for (const name of [
    'test_sce_NCd1_mean_weight_negative_ii_log_prob',
    'test_sce_mean_no_weight_ii_4d_expanded',
    'test_nllloss_NCd1d2_with_weight_reduction_sum_ii',
    'test_nllloss_NCd1_ii_expanded',
  ]) {
    expect(names).toContain(name);
  }
  expect(NODE_TESTS.filter((d) => d.op === 'NegativeLogLikelihoodLoss')).toHaveLength(18);
});

describe('every directory', () => {
  it('runs as its own model within TOL-FW of its stored outputs', async () => {
    for (const test of tests) {
      const [values] = await runBackendModel(test);
      const stored = test.dataSets[0]!.outputs;
      expectFrameworkClose(values!.loss, Array.from(stored[0]!.values), 'float32');
      if (stored[1]) expectFrameworkClose(values!.logProb!, Array.from(stored[1].values), 'float32');
    }
  });

  it('SCE and NLL, node or expanded, map to onnx-profile cases that `ort` evaluates within TOL-FW', async () => {
    for (const test of tests) {
      const mapping = backendTestCases(test);
      if (mapping.kind !== 'cases') throw new Error(`${test.name}: ${mapping.reason}`);
      expect(mapping.node.form).toBe(test.name.endsWith('_expanded') ? 'expanded' : 'node');
      for (const { case: c, expected } of mapping.cases) {
        expect([c.profile, c.loss]).toEqual([
          'onnx',
          test.name.startsWith('test_sce') ? 'softmax_cross_entropy' : 'negative_log_likelihood',
        ]);
        const values = await ort.evaluate(c);
        expectFrameworkClose(values.loss, Array.from(expected.loss), 'float32');
        if (expected.logProb) expectFrameworkClose(values.logProb!, Array.from(expected.logProb), 'float32');
      }
    }
  });

  it("reads an expanded NLL's attributes back from its body: the same cases as its node twin (CLI-4)", () => {
    const casesOf = (name: string) => {
      const mapping = backendTestCases(tests.find((t) => t.name === name)!);
      if (mapping.kind !== 'cases') throw new Error(`${name}: ${mapping.reason}`);
      return mapping.cases.map(({ case: c, expected }) => ({ case: { ...c, id: '' }, expected }));
    };
    const expanded = tests.filter((t) => t.name.startsWith('test_nllloss') && t.name.endsWith('_expanded'));
    expect(expanded).toHaveLength(18);
    for (const test of expanded)
      expect(casesOf(test.name), test.name).toEqual(casesOf(test.name.replace(/_expanded$/, '')));
  });
});

it('carries the attributes of the catalogue into the case', () => {
  const map = (name: string) => {
    const mapping = backendTestCases(tests.find((t) => t.name === name)!);
    return mapping.kind === 'cases' && mapping.cases[0]!.case;
  };
  expect(map('test_sce_NCd1d2d3_sum_weight_high_ii')).toMatchObject({
    reduction: 'sum',
    ignoreIndex: 10,
    shape: [3, 5],
    dtype: 'float32',
  });
  expect(map('test_nllloss_NCd1_mean_weight_negative_ii')).toMatchObject({
    loss: 'negative_log_likelihood',
    reduction: 'mean',
    ignoreIndex: -1,
    shape: [3, 5, 6],
    outputs: ['loss'],
  });
  expect(map('test_nllloss_NCd1_mean_weight_negative_ii')).toHaveProperty('weight');
  expect(map('test_sce_mean_log_prob_expanded')).toMatchObject({ outputs: ['loss', 'logProb'] });
});
