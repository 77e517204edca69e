import { describe, expect, it } from 'vitest';
import { softmaxJson, valid } from '../__helpers__/cases.js';
import { rejection } from '../__helpers__/errors.js';
import { BUILT_IN_NAMES, gradOf, lossOf } from '../__helpers__/run.js';

const nll = (over: Record<string, unknown> = {}) =>
  softmaxJson({
    loss: 'negative_log_likelihood',
    shape: [2, 3],
    input: [-1, -2, -0.5, -3, -0.25, -4],
    target: [2, 0],
    ...over,
  });

describe('negative_log_likelihood (NLL-1..4, PRO-16)', () => {
  it.each(BUILT_IN_NAMES)('%s: reads −w_t·x_t with no softmax (NLL-1), means by Σ w_t (NLL-2)', (name) => {
    expect(lossOf(name, nll({ reduction: 'none' }))).toEqual([0.5, 3]);
    expect(lossOf(name, nll({ weight: [2, 1, 4], reduction: 'none' }))).toEqual([2, 6]);
    expect(lossOf(name, nll({ weight: [2, 1, 4] }))).toEqual([8 / 6]);
    expect(lossOf(name, nll({ target: [2, -100], reduction: 'sum' }))).toEqual([0.5]);
  });

  it.each(BUILT_IN_NAMES)('%s: has gradient −w_t at the target only, scaled by the reduction (NLL-3)', (name) => {
    expect(gradOf(name, nll({ weight: [2, 1, 4], outputs: ['grad'] }))).toEqual([0, 0, -4 / 6, -2 / 6, 0, 0]);
  });

  it.each(BUILT_IN_NAMES)(
    '%s: passes special values of the target class through, ignores the others (NLL-4)',
    (name) => {
      expect(lossOf(name, nll({ input: ['NaN', 0, -1, '-Infinity', 0, 0], reduction: 'none' }))).toEqual([1, Infinity]);
      expect(
        lossOf(name, nll({ input: [0, 0, '-Infinity', 0, 0, 0], weight: [1, 1, 0], reduction: 'none' }))[0],
      ).toBeNaN();
    },
  );

  it('should not be shift invariant: NLL(x + c) = NLL(x) − c·w_t (NLL-4)', () => {
    const shifted = lossOf('accurate', nll({ input: [1, 0, 1.5, -1, 1.75, -2], reduction: 'none' }));
    expect(shifted).toEqual([0.5 - 2, 3 - 2]);
  });

  it('should be defined by torch and onnx only, with index targets, no smoothing and no logProb (PRO-16)', () => {
    expect(valid(nll({ profile: 'onnx' })).classes).toBe(3);
    expect(rejection(() => valid(nll({ profile: 'keras' })))).toMatchObject({
      code: 'not_defined_by_profile',
      field: 'loss',
    });
    expect(rejection(() => valid(nll({ labelSmoothing: 0.1 })))).toMatchObject({ field: 'labelSmoothing' });
    expect(rejection(() => valid(nll({ targetKind: 'probability', target: Array(6).fill(0) })))).toMatchObject({
      field: 'targetKind',
      clause: 'NLL-1',
    });
    expect(rejection(() => valid(nll({ outputs: ['logProb'] })))).toMatchObject({ field: 'outputs', clause: 'NLL-1' });
  });
});
