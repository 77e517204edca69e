/**
 * `ort-web`: the graphs of `ort` on onnxruntime-web's WebAssembly backend in Node. It refuses what
 * `ort` refuses, and its values are judged as `ort`'s are: within `stable` of the certified reference.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCase } from '../../../src/case/decode.js';
import { REASONS } from '../../../src/oracles/onnx/support.js';
import { ortWebImplementation } from '../../../src/oracles/onnx/ortWeb.js';
import { bceJson, bcelJson, softmaxJson, type CaseJson } from '../../__helpers__/cases.js';
import { expectLevel } from './closeness.js';

const web = ortWebImplementation();
afterAll(() => web.close());

describe('ort-web', () => {
  it('names itself and refuses what ort refuses', () => {
    expect(web.name).toBe('ort-web');
    expect(web.supports!(decodeCase(softmaxJson({ outputs: ['loss', 'grad'] })))).toBe(REASONS.grad);
    expect(web.supports!(decodeCase(softmaxJson({ dtype: 'bfloat16' })))).toBe(REASONS.bfloat16);
    expect(web.supports!(decodeCase(softmaxJson({ profile: 'tfjs' })))).toBe(REASONS.profile('tfjs'));
  });

  const cases: [string, CaseJson][] = [
    ['SoftmaxCrossEntropyLoss with log_prob', softmaxJson({ profile: 'onnx', outputs: ['loss', 'logProb'] })],
    ['weights and an ignored target', softmaxJson({ profile: 'onnx', weight: [1, 2, 0.5], ignoreIndex: 2 })],
    ['the label smoothing graph', softmaxJson({ labelSmoothing: 0.25, reduction: 'none' })],
    ['the probability-target graph', softmaxJson({ targetKind: 'probability', target: [0.5, 0.5, 0, 1, 0, 0] })],
    ['the BCE graph', bceJson({ weight: [1, 2, 0.5] })],
    ['the stable BCE-with-logits graph', bcelJson({ posWeight: [3], reduction: 'sum' })],
  ];

  it.each(cases.flatMap(([what, json]) => ['float64', 'float32'].map((dtype) => [what, dtype, json] as const)))(
    '%s, %s: within the stable level of the reference',
    async (_, dtype, json) => {
      const c = decodeCase({ ...json, dtype });
      await expectLevel(c, await web.evaluate(c));
    },
  );

  it('runs float16 (the graphs in float16, values exactly float16)', async () => {
    const values = await web.evaluate(decodeCase(softmaxJson({ dtype: 'float16', reduction: 'none' })));
    expect(values.loss).toHaveLength(2);
    for (const v of values.loss) expect(Math.fround(v)).toBe(v);
  });

  it("rejections are ORT's own: a label ≥ C", async () => {
    await expect(web.evaluate(decodeCase(softmaxJson({ target: [0, 3] })))).rejects.toThrow();
  });
});
