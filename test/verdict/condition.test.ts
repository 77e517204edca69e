import { describe, expect, it } from 'vitest';
import { conditionNumbers } from '../../src/verdict/condition.js';
import { conditionAgrees } from '../../src/verdict/tolerances.js';
import { bcelJson, decoded, softmaxJson } from '../__helpers__/cases.js';

const softplus = (z: number): number => Math.log1p(Math.exp(z));
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

describe('conditionNumbers (TOL-4)', () => {
  it('should be a·σ(a)/softplus(a) for two classes [a, 0] with target 1', () => {
    const [kappa] = conditionNumbers(decoded(softmaxJson({ shape: [1, 2], input: [1, 0], target: [1] })));
    expect(conditionAgrees(kappa!, (1 * sigmoid(1)) / softplus(1))).toBe(true);
  });

  it('should measure from the row maximum: a common offset changes nothing', () => {
    const near = conditionNumbers(decoded(softmaxJson({ shape: [1, 3], input: [1, 0, -2], target: [2] })));
    const far = conditionNumbers(decoded(softmaxJson({ shape: [1, 3], input: [10001, 10000, 9998], target: [2] })));
    expect(conditionAgrees(near[0]!, far[0]!)).toBe(true);
  });

  it('should give one value per position under none, and 0 for uniform logits', () => {
    const kappas = conditionNumbers(
      decoded(softmaxJson({ shape: [2, 2], input: [0, 0, 1, 0], target: [0, 1], reduction: 'none' })),
    );
    expect(kappas[0]).toBe(0);
    expect(conditionAgrees(kappas[1]!, sigmoid(1) / softplus(1))).toBe(true);
  });

  it('should use |x| itself for the binary losses', () => {
    const [kappa] = conditionNumbers(decoded(bcelJson({ shape: [1], input: [2], target: [0] })));
    expect(conditionAgrees(kappa!, (2 * sigmoid(2)) / softplus(2))).toBe(true);
  });
});
