import { afterAll, describe, expect, it } from 'vitest';
import type { Implementation } from '../../src/adapters/types.js';
import { commandImplementation } from '../../src/adapters/command.js';
import type { CaseResult } from '../../src/case/types.js';
import { runDecodedCase } from '../../src/adapters/runCase.js';
import { frameworkClose } from '../../src/verdict/tolerances.js';
import { bceJson, bcelJson, decoded, softmaxJson, type CaseJson } from '../__helpers__/cases.js';
import { PYTHON, skipWithout } from '../__helpers__/python.js';
import { run } from '../__helpers__/run.js';

/** One PyTorch process for the file: importing torch takes seconds. */
let impl: Implementation | undefined;
const torch = () =>
  (impl ??= commandImplementation(`${PYTHON} examples/adapters/torch_adapter.py`, { timeoutMs: 60_000 }));
afterAll(() => impl?.close?.());

async function both(jsons: CaseJson[]): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const json of jsons) results.push(await runDecodedCase(torch(), decoded(json)));
  return results;
}

describe.skipIf(skipWithout('torch'))('the PyTorch adapter (FMT-5.2) against the torch profile', () => {
  const semantic = [
    softmaxJson({
      id: 'smooth',
      shape: [3, 4],
      input: [1, 2, 0.5, -1, 0.3, -0.2, 2.5, 0, -1.5, 0.7, 0.1, 3],
      target: [1, -100, 3],
      weight: [0.5, 2, 1, 3],
      labelSmoothing: 0.2,
      outputs: ['loss', 'grad', 'logProb'],
    }),
    softmaxJson({
      id: 'dense',
      targetKind: 'probability',
      target: [0.2, 0.5, 0.3, 0, 0, 1],
      weight: [0.5, 2, 1],
      outputs: ['loss', 'grad'],
    }),
    softmaxJson({
      id: 'kdim',
      dtype: 'float32',
      shape: [1, 3, 2],
      input: [1, 2, 3, 0.5, -1, 0],
      target: [0, 2],
      reduction: 'none',
      outputs: ['loss', 'grad'],
    }),
    softmaxJson({ id: 'bf16', dtype: 'bfloat16', labelSmoothing: 0.25 }),
    bcelJson({ id: 'bcel', posWeight: [2, 3, 0.5], weight: [1, 0.5, 2], outputs: ['loss', 'grad'] }),
    bceJson({ id: 'bce', reduction: 'sum', outputs: ['loss', 'grad'] }),
    softmaxJson({
      id: 'nll',
      loss: 'negative_log_likelihood',
      shape: [3, 3],
      input: [-1, -2, -0.5, -3, -0.25, -4, -0.1, -0.2, -0.3],
      target: [2, -100, 0],
      weight: [2, 1, 4],
      outputs: ['loss', 'grad'],
    }),
    softmaxJson({
      id: 'nll-unbatched',
      loss: 'negative_log_likelihood',
      shape: [3],
      input: [-1, -2, -0.5],
      target: [1],
      outputs: ['loss', 'grad'],
    }),
    softmaxJson({
      id: 'unbatched-probability',
      shape: [3],
      input: [1, 2, 3],
      targetKind: 'probability',
      target: [0.25, 0.25, 0.5],
      labelSmoothing: 0.1,
      outputs: ['loss', 'grad', 'logProb'],
    }),
  ];

  // bfloat16 gradients that cancel (W·p − a) can exceed assert_close's rtol legitimately; the
  // conformance levels judge those. Here: values where TOL-FW is PyTorch's own yardstick.
  it('should agree with the profile within assert_close tolerance (TOL-FW)', async () => {
    const results = await both(semantic);
    results.forEach((result, i) => {
      if (!('loss' in result)) throw new Error(`${semantic[i]!.id}: ${JSON.stringify(result)}`);
      const expected = run('accurate', semantic[i]!);
      const dtype = decoded(semantic[i]!).dtype;
      for (const field of ['loss', 'grad', 'logProb'] as const) {
        const want = expected[field];
        if (!want) continue;
        Array.from(want).forEach((v, k) =>
          expect(
            frameworkClose(result[field]![k]!, v, dtype),
            `${semantic[i]!.id} ${field}[${k}]: torch ${result[field]![k]} vs ${v}`,
          ).toBe(true),
        );
      }
    });
  });

  it('should reject what the profile rejects and give NaN where it gives NaN (CE-3.2, LS-6, RED-4)', async () => {
    const [outOfRange, tooSmooth, allIgnored] = await both([
      softmaxJson({ id: 'range', shape: [3], input: [1, 2, 3], target: [7] }),
      softmaxJson({ id: 'smooth', labelSmoothing: 1.5 }),
      softmaxJson({ id: 'ignored', target: [-100, -100] }),
    ]);
    expect(outOfRange).toMatchObject({ error: expect.stringContaining('out of bounds') });
    expect(tooSmooth).toMatchObject({ error: expect.stringContaining('label_smoothing') });
    expect(Number.isNaN((allIgnored as { loss: Float64Array }).loss[0])).toBe(true);
  });

  it("should decline, with PyTorch's own message, the kernels PyTorch 1.13 lacks on the CPU, and other profiles", async () => {
    const [half, bfloat16Bce, keras] = await both([
      softmaxJson({ id: 'half', dtype: 'float16' }),
      bceJson({ id: 'bf16-bce', dtype: 'bfloat16' }),
      softmaxJson({ id: 'keras', profile: 'keras' }),
    ]);
    expect(half).toMatchObject({ unsupported: expect.stringMatching(/not implemented for 'Half'$/) });
    expect(bfloat16Bce).toMatchObject({
      unsupported: expect.stringContaining(`"binary_cross_entropy" not implemented for 'BFloat16'`),
    });
    expect(keras).toMatchObject({ unsupported: expect.stringContaining('torch profile') });
  });

  it("should decline the language models' options F.cross_entropy lacks, and take z-loss 0 as none (PRO-25)", async () => {
    const [zLoss, softcap, noZ] = await both([
      softmaxJson({ id: 'z', zLoss: 1e-4 }),
      softmaxJson({ id: 'cap', logitSoftcap: 30 }),
      softmaxJson({ id: 'z0', zLoss: 0 }),
    ]);
    expect(zLoss).toMatchObject({
      unsupported: expect.stringMatching(/^F\.cross_entropy of PyTorch .* has no z-loss \(zLoss\)$/),
    });
    expect(softcap).toMatchObject({ unsupported: expect.stringContaining('has no logit soft-capping (logitSoftcap)') });
    expect(noZ).toMatchObject({ loss: expect.any(Float64Array) });
  });

  // The adapter answers a call PyTorch refused, asked again for other outputs (CHK-9), without a
  // second call: only the same call may get that answer.
  it('should answer a refused call asked again as PyTorch did, and call PyTorch anew for any other case', async () => {
    const outOfRange = softmaxJson({
      id: 'range',
      shape: [3],
      input: [1, 2, 3],
      target: [7],
      outputs: ['loss', 'grad'],
    });
    const [refused, again, inRange, half, halfAgain] = await both([
      outOfRange,
      { ...outOfRange, outputs: ['loss'] },
      { ...outOfRange, target: [1] },
      softmaxJson({ id: 'half', dtype: 'float16', outputs: ['loss', 'grad'] }),
      softmaxJson({ id: 'half', dtype: 'float16' }),
    ]);
    expect(refused).toMatchObject({ error: expect.stringContaining('Target 7 is out of bounds') });
    expect(again).toEqual(refused);
    expect(inRange).toMatchObject({ loss: expect.any(Float64Array) });
    expect(half).toMatchObject({ unsupported: expect.stringMatching(/not implemented for 'Half'$/) });
    expect(halfAgain).toEqual(half);
  });

  it('should pass every option on, so that PyTorch rejects what it does not have (PRO-2: no binary smoothing)', async () => {
    const [smoothedBce, nllSmoothing, bcePosWeight] = await both([
      bceJson({ id: 'bce-smooth', labelSmoothing: 0.1 }),
      softmaxJson({ id: 'nll-smooth', loss: 'negative_log_likelihood', labelSmoothing: 0.1 }),
      bceJson({ id: 'bce-pw', posWeight: [2] }),
    ]);
    expect(smoothedBce).toEqual({
      id: 'bce-smooth',
      error: "TypeError: binary_cross_entropy() got an unexpected keyword argument 'label_smoothing'",
    });
    expect(nllSmoothing).toMatchObject({
      error: expect.stringContaining("unexpected keyword argument 'label_smoothing'"),
    });
    expect(bcePosWeight).toMatchObject({ error: expect.stringContaining("unexpected keyword argument 'pos_weight'") });
  });
});
