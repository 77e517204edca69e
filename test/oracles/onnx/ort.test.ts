/**
 * The `ort` implementations as the runner sees them: refusals (FMT-3 `unsupported`) with their
 * reasons, ORT's own rejections as thrown errors, float16 outputs converted exactly.
 */
import { Float16Array } from '@petamoriken/float16';
import { afterAll, describe, expect, it } from 'vitest';
import { UnsupportedCaseError } from '../../../src/case/errors.js';
import { decodeCase } from '../../../src/case/decode.js';
import { runDecodedCase } from '../../../src/runner/runCase.js';
import { ortImplementation, ORT_NAMES } from '../../../src/oracles/onnx/ort.js';
import { REASONS } from '../../../src/oracles/onnx/support.js';
import { bcelJson, softmaxJson } from '../../__helpers__/cases.js';

const ort = ortImplementation('ort');
const unstable = ortImplementation('ort-unstable');
afterAll(() => Promise.all([ort.close(), unstable.close()]));

describe('refusals', () => {
  const refusals: [string, Record<string, unknown>, string][] = [
    ['gradients', softmaxJson({ outputs: ['loss', 'grad'] }), REASONS.grad],
    ['bfloat16', softmaxJson({ dtype: 'bfloat16' }), REASONS.bfloat16],
    ...(['keras', 'tfjs', 'optax'] as const).map((p): [string, Record<string, unknown>, string] => [`profile ${p}`, softmaxJson({ profile: p }), REASONS.profile(p)]),
  ];

  it.each(refusals)('%s: supports() says why, evaluate() throws UnsupportedCaseError', async (_, json, reason) => {
    const c = decodeCase(json);
    expect(ort.supports!(c)).toBe(reason);
    await expect(ort.evaluate(c)).rejects.toThrow(UnsupportedCaseError);
    expect(await runDecodedCase(ort, c)).toEqual({ id: c.id, unsupported: reason });
  });

  it('ort-unstable implements only BCE with logits', async () => {
    expect(unstable.supports!(decodeCase(softmaxJson()))).toBe(REASONS.exporterForm);
    expect(unstable.supports!(decodeCase(bcelJson()))).toBe(true);
  });

  it('implements the onnx and torch profiles', () => {
    for (const profile of ['onnx', 'torch']) expect(ort.supports!(decodeCase(softmaxJson({ profile })))).toBe(true);
    expect(ORT_NAMES).toEqual(['ort', 'ort-unstable']);
  });
});

describe('rejections are ORT’s own', () => {
  it('a label ≥ C: GatherElements throws, an error result', async () => {
    const result = await runDecodedCase(ort, decodeCase(softmaxJson({ target: [0, 3] })));
    expect(result).toMatchObject({ error: expect.stringMatching(/GatherElements.*Out of range/) });
  });

  it('is not validated against the profile: torch label −1 wraps to class C − 1 (a finding, PRO-3)', async () => {
    const wrapped = await ort.evaluate(decodeCase(softmaxJson({ target: [0, -1], reduction: 'none' })));
    const last = await ort.evaluate(decodeCase(softmaxJson({ target: [0, 2], reduction: 'none' })));
    expect(wrapped.loss).toEqual(last.loss);
  });

  it('structural: a non-integer label cannot become an int64 tensor', async () => {
    await expect(ort.evaluate(decodeCase(softmaxJson({ target: [0, 1.5] })))).rejects.toThrow('target[1]: 1.5 is not an int64 class index (CE-3.1)');
  });

  it('structural: logProb of a binary loss', async () => {
    await expect(ort.evaluate(decodeCase(bcelJson({ outputs: ['loss', 'logProb'] })))).rejects.toThrow(/softmax CE only/);
  });
});

describe('outputs', () => {
  it('float16 values come back exactly (every float16 is a double)', async () => {
    const c = decodeCase(softmaxJson({ dtype: 'float16', reduction: 'none', outputs: ['loss', 'logProb'] }));
    const values = await ort.evaluate(c);
    for (const v of [...values.loss, ...values.logProb!]) expect(new Float16Array([v])[0]).toBe(v);
    expect(values.loss).toBeInstanceOf(Float64Array);
  });

  it('loss is always an array; logProb only when asked', async () => {
    const values = await ort.evaluate(decodeCase(softmaxJson()));
    expect(values.loss).toHaveLength(1);
    expect(values.logProb).toBeUndefined();
  });
});
