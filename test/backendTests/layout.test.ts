/**
 * Backend-test directories: write, read back, find.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendTestDirs, readBackendTest, writeBackendTest, type BackendTest } from '../../src/backendTests/layout.js';
import { UsageError } from '../../src/case/errors.js';
import { decodeModel, encodeModel } from '../../src/oracles/onnx/graphBuilder.js';
import { findLossNode } from '../../src/oracles/onnx/lossNode.js';
import { nodeTests } from '../../src/backendTests/nodeTests/generate.js';
import { NODE_TESTS } from '../../src/backendTests/nodeTests/catalog.js';
import { damaged, onlyTyped } from '../__helpers__/fuzz.js';

let root: string;
beforeAll(async () => (root = await mkdtemp(join(tmpdir(), 'losscheck-onnx-'))));
afterAll(() => rm(root, { recursive: true, force: true }));

/** A test with two data sets (the second the first's inputs with the outputs dropped to one). */
function sample(): BackendTest {
  const [test] = nodeTests(NODE_TESTS.find((d) => d.name === 'test_sce_mean_weight_ii_log_prob')!);
  const set = test!.dataSets[0]!;
  return { ...test!, dataSets: [set, { ...set, name: 'test_data_set_1', outputs: set.outputs.slice(0, 1) }] };
}

describe.each(['raw', 'typed'] as const)('round trip, %s tensors', (layout) => {
  it('reads back the model and every data set', async () => {
    const test = sample();
    const dir = await writeBackendTest(join(root, layout), test, layout);
    const back = await readBackendTest(dir);
    expect(back.name).toBe(test.name);
    expect(encodeModel(back.model)).toEqual(encodeModel(test.model));
    expect(back.dataSets.map((s) => s.name)).toEqual(['test_data_set_0', 'test_data_set_1']);
    back.dataSets.forEach((set, i) => {
      expect(set.inputs).toEqual(test.dataSets[i]!.inputs);
      expect(set.outputs).toEqual(test.dataSets[i]!.outputs);
    });
  });
});

it('finds test directories given themselves or their parent', async () => {
  const parent = join(root, 'many');
  const [a, b] = await Promise.all(nodeTests(NODE_TESTS[0]!).map((t) => writeBackendTest(parent, t)));
  expect(await backendTestDirs([parent])).toEqual([a, b].sort());
  expect(await backendTestDirs([a!])).toEqual([a]);
});

describe('an ONNX model read from damaged bytes (CLI-3: only typed errors)', () => {
  const bytes = encodeModel(sample().model);

  it('should decode a damaged model.onnx and look for its loss node, or throw a UsageError saying why', () => {
    const read = (b: Uint8Array) => findLossNode(decodeModel(b));
    fc.assert(fc.property(damaged(bytes), (b) => onlyTyped(() => read(b), [UsageError])));
  });

  it('should name the file that is not an ONNX model', async () => {
    const dir = join(root, 'damaged');
    await writeBackendTest(root, { ...sample(), name: 'damaged' });
    await writeFile(join(dir, 'model.onnx'), bytes.slice(0, bytes.length - 3));
    await expect(readBackendTest(dir)).rejects.toThrow(new RegExp(`^${dir}/model.onnx: not an ONNX model: `));
  });
});
