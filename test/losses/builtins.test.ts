import { describe, expect, it } from 'vitest';
import { DTYPES, PROFILES } from '../../src/case/types.js';
import { isRepresentable, roundTo } from '../../src/numeric/dtype.js';
import { neumaierSum } from '../../src/numeric/sum.js';
import { bcelJson, softmaxJson } from '../__helpers__/cases.js';
import { analysedExpectation, expectWithinAccurateBound } from '../__helpers__/bounds.js';
import { BUILT_IN_NAMES, gradOf, lossOf, run } from '../__helpers__/run.js';

describe('built-in implementations across dtypes and profiles (DT-1, PRO-13)', () => {
  it('should be the three of DESIGN.md, so that no test over them all holds vacuously', () => {
    expect([...BUILT_IN_NAMES].sort()).toEqual(['accurate', 'fused', 'naive']);
  });

  it.each(BUILT_IN_NAMES)('%s: evaluates every profile in every dtype and returns dtype values', (name) => {
    for (const profile of PROFILES) {
      for (const dtype of DTYPES) {
        const v = run(name, softmaxJson({ dtype, profile, outputs: ['loss', 'grad', 'logProb'] }));
        for (const x of [...v.loss, ...v.grad!, ...v.logProb!])
          expect(isRepresentable(x, dtype), `${profile} ${dtype} ${x}`).toBe(true);
      }
    }
  });
});

describe('accurate rounds a binary64 result once (DT-5)', () => {
  it('should equal its float64 value of the same inputs rounded into the narrow dtype', () => {
    const input = [1, 2, 3, 0.5, -1, 0];
    for (const dtype of ['float32', 'float16', 'bfloat16'] as const) {
      for (const json of [softmaxJson({ input, labelSmoothing: 0.25 }), bcelJson({ input: [0.5, -1.25, 3] })]) {
        const narrow = run('accurate', { ...json, dtype, outputs: ['loss', 'grad'] });
        const wide = run('accurate', { ...json, outputs: ['loss', 'grad'] });
        expect(Array.from(narrow.loss)).toEqual(Array.from(wide.loss, roundTo(dtype)));
        expect(Array.from(narrow.grad!)).toEqual(Array.from(wide.grad!, roundTo(dtype)));
      }
    }
  });
});

describe('log-softmax and softmax (CE-2.1, CE-2.4)', () => {
  it.each(BUILT_IN_NAMES)('%s: uniform logits give lp = −log C and gradient p − onehot', (name) => {
    const uniform = softmaxJson({
      shape: [1, 4],
      input: [7, 7, 7, 7],
      target: [0],
      reduction: 'sum',
      outputs: ['grad', 'logProb'],
    });
    const v = run(name, uniform);
    expect(Array.from(v.logProb!)).toEqual([1, 2, 3, 4].map(() => -Math.log(4)));
    expect(Array.from(v.grad!)).toEqual([-0.75, 0.25, 0.25, 0.25]);
  });
});

describe('weights, targets and smoothing (CE-3.4, CE-4.2, CE-5.2, RED-2)', () => {
  const x = { shape: [2, 3], input: [1, 2, 3, 0.5, -1, 0], reduction: 'none' };

  it.each(BUILT_IN_NAMES)('%s: a class weight multiplies its term (CE-5.2)', (name) => {
    const plain = lossOf(name, softmaxJson({ ...x, target: [0, 2] }));
    const weighted = lossOf(name, softmaxJson({ ...x, target: [0, 2], weight: [4, 1, 0.5] }));
    expect(weighted).toEqual([4 * plain[0]!, 0.5 * plain[1]!]);
  });

  it('should give an index target, smoothed or not, the loss of its one-hot probability target (CE-3.4, CE-4.2, LS-1)', () => {
    for (const labelSmoothing of [0, 0.3]) {
      const index = lossOf('accurate', softmaxJson({ ...x, target: [0, 2], weight: [1, 2, 3], labelSmoothing }));
      const denseJson = softmaxJson({
        ...x,
        targetKind: 'probability',
        target: [1, 0, 0, 0, 0, 1],
        weight: [1, 2, 3],
        labelSmoothing,
      });
      const dense = lossOf('accurate', denseJson);
      index.forEach((v, i) => expectWithinAccurateBound(dense[i]!, v, analysedExpectation(denseJson, i)));
    }
  });

  it('should sum the per-position losses (RED-2)', () => {
    const json = softmaxJson({ ...x, target: [1, 0], labelSmoothing: 0.1 });
    expect(lossOf('accurate', { ...json, reduction: 'sum' })).toEqual([neumaierSum(lossOf('accurate', json))]);
  });
});

describe('gradients of the binary losses per profile (PRO-12)', () => {
  it.each(BUILT_IN_NAMES)('%s: BCE with logits at x = 0 has gradient w·((1 + (pw − 1)y)/2 − pw·y) (GRAD-7)', (name) => {
    expect(
      gradOf(
        name,
        bcelJson({ shape: [1], input: [0], target: [1], posWeight: [3], reduction: 'sum', outputs: ['grad'] }),
      ),
    ).toEqual([-1.5]);
  });
});
