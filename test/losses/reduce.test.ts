/**
 * The `mean` denominators (RED-3, PRO-6), through `accurate`: with `D` a power of two,
 * `mean = sum / D` holds exactly; and the empty mean (PRO-7) of every built-in, each arithmetic's
 * test for a zero denominator.
 */
import { describe, expect, it } from 'vitest';
import { softmaxJson, type CaseJson } from '../__helpers__/cases.js';
import { BUILT_IN_NAMES, gradOf, lossOf } from '../__helpers__/run.js';

const input = [1.5, -2, 0.25, 3, 0.5, -1, 2, 0, -0.75, 1.25, 4, -3];

/** The case's mean loss over its sum's, which is `1/D`. */
function meanOverSum(json: CaseJson): number {
  const [mean] = lossOf('accurate', { ...json, reduction: 'mean' });
  const [sum] = lossOf('accurate', { ...json, reduction: 'sum' });
  return mean! / sum!;
}

describe('the mean denominator D (RED-3, PRO-6)', () => {
  it('should be P for probability targets even with class weights (RED-3.2)', () => {
    const target = [0.5, 0.25, 0.25, 0, 1, 0, 0.125, 0.375, 0.5, 1, 0, 0];
    const json = softmaxJson({ shape: [4, 3], input, targetKind: 'probability', target, weight: [2, 3, 1] });
    expect(meanOverSum(json)).toBe(1 / 4);
  });

  it("should be the kept targets' weights under torch, their count under keras (RED-3.1, PRO-6)", () => {
    const json = softmaxJson({ shape: [4, 3], input, target: [0, 9, 9, 1], ignoreIndex: 9 });
    expect(meanOverSum({ ...json, weight: [1, 3, 1] })).toBe(1 / 4);
    expect(meanOverSum({ ...json, profile: 'keras' })).toBe(1 / 2);
  });

  it.each(BUILT_IN_NAMES)(
    'should give 0, not 0/0, for a mean over no kept target under keras, and a zero gradient, in %s (PRO-7)',
    (name) => {
      const json = softmaxJson({ shape: [2, 3], input: input.slice(0, 6), target: [9, 9], ignoreIndex: 9 });
      const keras = { ...json, profile: 'keras', reduction: 'mean', outputs: ['loss', 'grad'] };
      expect(lossOf(name, keras)).toEqual([0]);
      expect(gradOf(name, keras)).toEqual(Array(6).fill(0));
      expect(lossOf(name, { ...keras, profile: 'torch' })[0]).toBeNaN();
    },
  );
});
