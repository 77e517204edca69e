/**
 * The suite's own cases written in the backend-test layout, read back by the importer and run by
 * ORT as models.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCase } from '../../src/case/decode.js';
import type { LossCase } from '../../src/case/types.js';
import { backendTestCases } from '../../src/backendTests/cases.js';
import { readBackendTest } from '../../src/backendTests/layout.js';
import { caseToBackendTest, exportCases, exportRefusal } from '../../src/backendTests/export.js';
import { findLossNode } from '../../src/oracles/onnx/lossNode.js';
import { ortImplementation } from '../../src/oracles/onnx/ort.js';
import { runBackendModel } from '../../src/oracles/onnx/runModel.js';
import { bcelJson, softmaxJson } from '../__helpers__/cases.js';

const ort = ortImplementation('ort');
let root: string;
beforeAll(async () => (root = await mkdtemp(join(tmpdir(), 'losscheck-export-'))));
afterAll(async () => {
  await ort.close();
  await rm(root, { recursive: true, force: true });
});

const CASES: LossCase[] = [
  decodeCase(
    softmaxJson({
      id: 'onnx-f32',
      profile: 'onnx',
      dtype: 'float32',
      weight: [1, 2, 0.5],
      ignoreIndex: 1,
      target: [1, 2],
      outputs: ['loss', 'logProb'],
    }),
  ),
  decodeCase(softmaxJson({ id: 'torch f16/none', dtype: 'float16', reduction: 'none', target: [-100, 0] })),
  decodeCase(softmaxJson({ id: 'k-dim', shape: [1, 3, 2], reduction: 'sum', target: [0, 2], profile: 'onnx' })),
  decodeCase(softmaxJson({ id: 'row', shape: [3], input: [1, 2, 3], target: [2] })),
  decodeCase({
    id: 'nll',
    loss: 'negative_log_likelihood',
    profile: 'onnx',
    dtype: 'float64',
    shape: [2, 3],
    input: [-1, -2, -0.5, 0.25, -3, -1],
    target: [2, 0],
    weight: [1, 2, 0.5],
    reduction: 'mean',
  }),
  decodeCase({
    id: 'nll torch',
    loss: 'negative_log_likelihood',
    shape: [3],
    input: [-1, -2, -0.5],
    target: [1],
    reduction: 'none',
  }),
];

describe('export, import, run', () => {
  it('round-trips each case; the model ORT runs agrees with ort on the case', async () => {
    const entries = await Promise.all(CASES.map(async (c) => ({ case: c, expected: await ort.evaluate(c) })));
    const summary = await exportCases(entries, root);
    expect(summary.skipped).toEqual([]);
    for (const [i, dir] of summary.written.entries()) {
      const { case: c, expected } = entries[i]!;
      const test = await readBackendTest(dir);
      const mapping = backendTestCases(test);
      if (mapping.kind !== 'cases') throw new Error(mapping.reason);
      const imported = mapping.cases[0]!;
      expect(imported.case).toMatchObject({
        loss: c.loss,
        dtype: c.dtype,
        reduction: c.reduction,
        input: c.input,
        target: c.target,
        weight: c.weight,
        profile: 'onnx',
      });
      expect(imported.expected).toEqual(expected);
      expect((await runBackendModel(test))[0]).toEqual(expected);
    }
  });

  it('writes torch’s default ignore index explicitly (ONNX has none, PRO-1)', () => {
    const c = CASES[1]!;
    const node = findLossNode(caseToBackendTest(c, { loss: new Float64Array(2) }).model);
    expect(node).toMatchObject({ op: 'SoftmaxCrossEntropyLoss', ignoreIndex: -100, reduction: 'none' });
  });

  it('writes a [C] input as [1, C] (CE-1.2)', () => {
    const test = caseToBackendTest(CASES[3]!, { loss: Float64Array.of(0.4) });
    expect(test.dataSets[0]!.inputs[0]!.dims).toEqual([1, 3]);
  });

  it('writes NLL as a NegativeLogLikelihoodLoss-13 node on the input itself (NLL-1)', () => {
    const test = caseToBackendTest(CASES[5]!, { loss: Float64Array.of(1) });
    expect(findLossNode(test.model)).toMatchObject({
      op: 'NegativeLogLikelihoodLoss',
      form: 'node',
      opset: 13,
      ignoreIndex: -100,
      reduction: 'none',
    });
    expect(test.model.graph!.node!.map((n) => n.opType)).toEqual(['NegativeLogLikelihoodLoss']);
  });
});

describe('refusals', () => {
  it.each([
    [bcelJson(), /has no ONNX operator/],
    [softmaxJson({ labelSmoothing: 0.1 }), /no label smoothing/],
    [softmaxJson({ targetKind: 'probability', target: [1, 0, 0, 0, 0, 1] }), /class indices only/],
    [softmaxJson({ profile: 'keras' }), /profile keras/],
    [softmaxJson({ dtype: 'bfloat16' }), /bfloat16/],
    [softmaxJson({ profile: 'onnx', shape: [3], input: [1, 2, 3], target: [0] }), /\[C\] input.*PRO-20/],
  ])('%j', async (json, reason) => {
    const c = decodeCase(json);
    expect(exportRefusal(c)).toMatch(reason);
    expect((await exportCases([{ case: c, expected: { loss: Float64Array.of(0) } }], root)).skipped).toEqual([
      { id: c.id, reason: exportRefusal(c) },
    ]);
  });

  it('a model without a loss node says so', () => {
    expect(findLossNode({ graph: { node: [{ opType: 'Add' }] } })).toMatch(
      /no SoftmaxCrossEntropyLoss or NegativeLogLikelihoodLoss node/,
    );
  });
});
