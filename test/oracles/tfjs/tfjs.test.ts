/**
 * The TF.js implementations on their real backends (CPU and WebAssembly): refusals with their
 * reasons, TF.js's own rejections, the tfjs profile's semantics reproduced within the `stable`
 * level of the certified reference, and the weakness the manifest records.
 */
import { describe, expect, it } from 'vitest';
import { runDecodedCase } from '../../../src/adapters/runCase.js';
import { UnsupportedCaseError } from '../../../src/case/errors.js';
import { tfjsImplementation } from '../../../src/oracles/tfjs/tfjs.js';
import { TFJS_NAMES } from '../../../src/oracles/tfjs/names.js';
import { REASONS } from '../../../src/oracles/tfjs/support.js';
import { bceJson, bcelJson, decoded, linearJson, softmaxJson, type CaseJson } from '../../__helpers__/cases.js';
import { expectLevel } from '../onnx/closeness.js';

const tfjs = (json: CaseJson): CaseJson => ({ dtype: 'float32', profile: 'tfjs', outputs: ['loss', 'grad'], ...json });

describe.each(TFJS_NAMES)('%s', (name) => {
  const impl = tfjsImplementation(name);

  describe('refusals: what TF.js does not offer', () => {
    const refusals: [string, CaseJson, string][] = [
      ['profile torch', softmaxJson({ dtype: 'float32' }), REASONS.profile('torch')],
      ['float64', tfjs(softmaxJson({ dtype: 'float64' })), REASONS.dtype('float64')],
      ['NLL', tfjs({ ...softmaxJson(), loss: 'negative_log_likelihood' }), REASONS.nll],
      ['class weights', tfjs(softmaxJson({ weight: [1, 2, 3] })), REASONS.classWeight],
      ['ignore index', tfjs(softmaxJson({ ignoreIndex: 1 })), REASONS.ignoreIndex],
      ['pos_weight', tfjs(bcelJson({ posWeight: [2] })), REASONS.posWeight],
      ['logLoss smoothing', tfjs(bceJson({ labelSmoothing: 0.25 })), REASONS.bceSmoothing],
      ['a label beyond int32', tfjs(softmaxJson({ target: [0, 2 ** 32 + 1] })), REASONS.labels],
      ['linear CE, not read as BCE with logits of h', tfjs(linearJson()), REASONS.linear],
      ['z-loss', tfjs(softmaxJson({ zLoss: 1e-4 })), REASONS.zLoss],
      ['a logit soft-cap', tfjs(softmaxJson({ logitSoftcap: 30 })), REASONS.logitSoftcap],
    ];

    it.each(refusals)('%s: supports() says why, evaluate() refuses', async (_, json, reason) => {
      const c = decoded(json);
      expect((await impl).supports!(c)).toBe(reason);
      await expect((await impl).evaluate(c)).rejects.toThrow(UnsupportedCaseError);
      expect(await runDecodedCase(await impl, c)).toEqual({ id: c.id, unsupported: reason });
    });
  });

  describe('the tfjs profile, within the stable level of the reference', () => {
    const cases: [string, CaseJson][] = [
      ['index targets, mean over P (PRO-6)', softmaxJson()],
      ['index targets with logProb, none', softmaxJson({ reduction: 'none', outputs: ['loss', 'grad', 'logProb'] })],
      ['smoothing by shape[1] of [N, d1, C] (PRO-5)', softmaxJson({ shape: [1, 3, 2], labelSmoothing: 0.25 })],
      ['a label outside [0, C): a zero one-hot row (PRO-3)', softmaxJson({ target: [5, -1], labelSmoothing: 0.5 })],
      ['ε ≤ 0 is no smoothing (PRO-4)', softmaxJson({ labelSmoothing: -0.5, reduction: 'sum' })],
      [
        'unnormalised probability targets: gradient p − q (GRAD-2, PRO-8)',
        softmaxJson({ targetKind: 'probability', target: [0.5, 1, 2, 0, 0, 0.25], reduction: 'sum' }),
      ],
      ['a −∞ logit: 0·(−∞) over the one-hot row (PRO-15)', softmaxJson({ input: [1, '-Infinity', 3, 0, 0, 0] })],
      ['logLoss with ε in the logs (BCE-3, GRAD-6)', bceJson({ weight: [0.5, 2, 1] })],
      ['logLoss outside [0, 1] (PRO-10)', bceJson({ input: [-0.5, 1.5, 0], target: [1, 0, 2], reduction: 'none' })],
      ['sigmoid CE, smoothing toward ½ (LS-7)', bcelJson({ labelSmoothing: 0.25, reduction: 'sum' })],
      ['sigmoid CE at ±∞ (PRO-11)', bcelJson({ input: ['Infinity', '-Infinity', 0], reduction: 'none' })],
      [
        'mean over nonzero weights (PRO-6)',
        bcelJson({ shape: [2, 2], input: [1, -2, 3, 0], target: [1, 0, 0.5, 1], weight: [0, 2] }),
      ],
      ['every weight 0: 0/0 (PRO-7, GRAD-3)', bcelJson({ weight: [0] })],
      ['a scalar input with a weight', bcelJson({ shape: [], input: [1], target: [1], weight: [3] })],
    ];

    it.each(cases)('%s', async (_, json) => {
      const c = decoded(tfjs(json));
      await expectLevel(c, await (await impl).evaluate(c));
    });
  });

  describe("rejections are TF.js's own", () => {
    it('smoothing a rank-1 input: TF.js has no shape[1] (PRO-5)', async () => {
      const c = decoded(tfjs(softmaxJson({ shape: [3], input: [1, 2, 3], target: [1], labelSmoothing: 0.1 })));
      expect(await runDecodedCase(await impl, c)).toMatchObject({ error: expect.any(String) });
    });

    it('index targets over one class: tf.oneHot needs depth 2 (PRO-15)', async () => {
      const c = decoded(tfjs(softmaxJson({ shape: [2, 1], input: [1, 2], target: [0, 0] })));
      expect(await runDecodedCase(await impl, c)).toMatchObject({ error: expect.stringMatching(/depth must be >=2/) });
    });
  });

  it('computes lse = m + log Σ, then x − lse: a row of 2^25 loses log 5 (the manifest’s deviation)', async () => {
    const c = decoded(tfjs(softmaxJson({ shape: [1, 5], input: Array(5).fill(2 ** 25), target: [0] })));
    expect(Array.from((await (await impl).evaluate(c)).loss)).toEqual([0]);
    await expect(expectLevel(c, await (await impl).evaluate(c))).rejects.toThrow(/loss\[0\]: 0 vs 1\.609/);
  });
});
