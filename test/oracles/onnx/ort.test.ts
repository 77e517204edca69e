/**
 * The `ort` implementations as the runner sees them: refusals (FMT-3 `unsupported`) with their
 * reasons, ORT's own rejections as thrown errors, float16 outputs converted exactly.
 */
import { Float16Array } from '@petamoriken/float16';
import { afterAll, describe, expect, it } from 'vitest';
import { UnsupportedCaseError } from '../../../src/case/errors.js';
import { decodeCase } from '../../../src/case/decode.js';
import { runDecodedCase } from '../../../src/adapters/runCase.js';
import { ortImplementation } from '../../../src/oracles/onnx/ort.js';
import { ORT_NAMES } from '../../../src/oracles/onnx/ortNames.js';
import { REASONS } from '../../../src/oracles/onnx/support.js';
import { bcelJson, softmaxJson } from '../../__helpers__/cases.js';
import { expectLevel } from './closeness.js';

const ort = ortImplementation('ort');
const unstable = ortImplementation('ort-unstable');
afterAll(() => Promise.all([ort.close(), unstable.close()]));

describe('refusals', () => {
  const refusals: [string, Record<string, unknown>, string][] = [
    ['gradients', softmaxJson({ outputs: ['loss', 'grad'] }), REASONS.grad],
    ['bfloat16', softmaxJson({ dtype: 'bfloat16' }), REASONS.bfloat16],
    [
      'binary label smoothing',
      bcelJson({ labelSmoothing: 0.1 }),
      REASONS.binarySmoothing('binary_cross_entropy_with_logits'),
    ],
    ...(['keras', 'tfjs', 'optax'] as const).map((p): [string, Record<string, unknown>, string] => [
      `profile ${p}`,
      softmaxJson({ profile: p }),
      REASONS.profile(p),
    ]),
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

  it('a [C] input under onnx goes to ORT as it is, and ORT refuses it as the profile does; torch adds the batch axis (PRO-20)', async () => {
    const unbatched = { shape: [3], input: [1, 2, 3], target: [0], ignoreIndex: -1 };
    const refusals = {
      softmax_cross_entropy: /Reshape.*ShapeInferenceError/,
      negative_log_likelihood: /NegativeLogLikelihoodLoss.*rank must be >= 2/,
    };
    for (const [loss, message] of Object.entries(refusals)) {
      const onnx = await runDecodedCase(ort, decodeCase(softmaxJson({ ...unbatched, loss, profile: 'onnx' })));
      expect(onnx).toMatchObject({ error: expect.stringMatching(message) });
      const torch = await runDecodedCase(ort, decodeCase(softmaxJson({ ...unbatched, loss, profile: 'torch' })));
      expect(torch).toHaveProperty('loss');
    }
  });

  it('structural: a non-integer label cannot become an int64 tensor', async () => {
    await expect(ort.evaluate(decodeCase(softmaxJson({ target: [0, 1.5] })))).rejects.toThrow(
      'target[1]: 1.5 is not an int64 class index (CE-3.1)',
    );
  });

  it('structural: logProb of a binary loss', async () => {
    await expect(ort.evaluate(decodeCase(bcelJson({ outputs: ['loss', 'logProb'] })))).rejects.toThrow(
      /softmax CE only/,
    );
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

describe('negative_log_likelihood: the NegativeLogLikelihoodLoss operator (NLL-1..4, PRO-16)', () => {
  const nllJson = (over: Record<string, unknown> = {}) => ({
    id: 'nll',
    loss: 'negative_log_likelihood',
    profile: 'onnx',
    shape: [3, 3],
    input: [-0.5, -1.25, -2, 0.75, -3, -0.25, -1, -1, -1.5],
    target: [0, 2, 1],
    ...over,
  });

  it.each(
    ['none', 'sum', 'mean'].flatMap((reduction) =>
      [{}, { weight: [0.5, 2, 1.5] }, { weight: [0.5, 2, 1.5], ignoreIndex: 2 }].map((o) => [reduction, o] as const),
    ),
  )('float64, %s, %j: within the stable level of the reference (NLL-2)', async (reduction, options) => {
    const c = decodeCase(nllJson({ reduction, ...options }));
    await expectLevel(c, await ort.evaluate(c));
  });

  it('takes the input as it is: NLL(x + c) = NLL(x) − c·w_t, no softmax (NLL-4)', async () => {
    const [a, b] = await Promise.all(
      [0, 10].map((c) =>
        ort.evaluate(
          decodeCase(
            nllJson({ input: [-0.5 + c, -1.25, -2, 0.75, -3, -0.25 + c, -1, -1 + c, -1.5], reduction: 'none' }),
          ),
        ),
      ),
    );
    expect(Array.from(b!.loss, (v, i) => v - a!.loss[i]!)).toEqual([-10, -10, -10]);
  });

  it('special values: −w_t·x_t with IEEE meaning, the other classes do not matter (NLL-4)', async () => {
    const c = decodeCase(
      nllJson({
        input: ['-Infinity', 'NaN', 0, 1, 2, 'Infinity', 'NaN', 'Infinity', 'NaN'],
        weight: [1, 0, 1],
        target: [0, 2, 1],
        reduction: 'none',
      }),
    );
    await expectLevel(c, await ort.evaluate(c));
    expect(Array.from((await ort.evaluate(c)).loss)).toEqual([Infinity, -Infinity, NaN]);
  });

  it('float16 and float32: an exactly representable sum comes back exactly (NLL-2)', async () => {
    for (const dtype of ['float16', 'float32']) {
      const values = await ort.evaluate(decodeCase(nllJson({ dtype, reduction: 'sum' })));
      expect(values.loss).toEqual(Float64Array.of(-(-0.5 + -0.25 + -1)));
    }
  });

  it('rejects what the operator cannot express, as the profile does (FMT-4)', async () => {
    await expect(ort.evaluate(decodeCase(nllJson({ outputs: ['loss', 'logProb'] })))).rejects.toThrow(
      /logProb is not an output of negative_log_likelihood \(NLL-1\)/,
    );
    await expect(ort.evaluate(decodeCase(nllJson({ profile: 'torch', labelSmoothing: 0.1 })))).rejects.toThrow(
      /no label smoothing \(NLL-1\)/,
    );
    expect(ort.supports!(decodeCase(nllJson({ dtype: 'bfloat16' })))).toBe(REASONS.bfloat16);
    expect(ort.supports!(decodeCase(nllJson({ outputs: ['loss', 'grad'] })))).toBe(REASONS.grad);
  });
});
