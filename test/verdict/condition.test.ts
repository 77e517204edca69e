import { describe, expect, it } from 'vitest';
import { conditionAt, conditionNumbers } from '../../src/verdict/condition.js';
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

  it('should take each position of a k-dimensional case (N, C, d) as its own row', () => {
    // Positions (n, k) of shape [2, 2, 2] hold the rows [x[n,0,k], x[n,1,k]].
    const input = [1, -3, 0, 2, 0.5, 4, -1, 0];
    const kappas = conditionNumbers(
      decoded(softmaxJson({ shape: [2, 2, 2], input, target: [1, 0, 0, 1], reduction: 'none' })),
    );
    const rows = [
      [[1, 0], 1],
      [[-3, 2], 0],
      [[0.5, -1], 0],
      [[4, 0], 1],
    ] as const;
    rows.forEach(([row, target], position) => {
      const [alone] = conditionNumbers(decoded(softmaxJson({ shape: [1, 2], input: [...row], target: [target] })));
      expect(kappas[position], `position ${position}`).toBe(alone);
    });
  });

  // ZL-1: z·lse² is not shift-invariant, so x̃ = x. At [1, 0], target 1, only x_0 = 1 counts:
  // ∂L/∂x_0 = σ(1)·(1 + 2z·lse), L = lse + z·lse², lse = softplus(1).
  it('should measure a z-loss row from x itself: a common offset changes its loss', () => {
    const z = 0.25;
    const [kappa] = conditionNumbers(decoded(softmaxJson({ shape: [1, 2], input: [1, 0], target: [1], zLoss: z })));
    const lse = softplus(1);
    expect(conditionAgrees(kappa!, (sigmoid(1) * (1 + 2 * z * lse)) / (lse + z * lse * lse))).toBe(true);
  });

  it('should give a mean one value: two equal rows, the condition of one', () => {
    const [one] = conditionNumbers(decoded(softmaxJson({ shape: [1, 2], input: [1, 0], target: [1] })));
    const mean = conditionNumbers(
      decoded(softmaxJson({ shape: [2, 2], input: [1, 0, 1, 0], target: [1, 1], reduction: 'mean' })),
    );
    expect(Array.from(mean)).toEqual([one]);
  });

  it('should give each element of a binary case under none its own value (PRO-18)', () => {
    const kappas = conditionNumbers(
      decoded(bcelJson({ shape: [2], input: [2, -1], target: [0, 1], reduction: 'none' })),
    );
    expect(conditionAgrees(kappas[0]!, (2 * sigmoid(2)) / softplus(2))).toBe(true);
    // y = 1 at x = −1: L = softplus(1), ∂L/∂x = −σ(1).
    expect(conditionAgrees(kappas[1]!, (1 * sigmoid(1)) / softplus(1))).toBe(true);
  });

  it("should give a value of keras's binary case under none the κ of its row (PRO-18)", () => {
    const raw = decoded(
      bcelJson({ profile: 'keras', shape: [2, 2], input: [2, 2, -1, -1], target: [0, 0, 1, 1], reduction: 'none' }),
    );
    const rows = conditionNumbers(raw);
    expect(rows).toHaveLength(2);
    // Each row's mean of two equal elements has the κ of one element.
    expect(conditionAgrees(rows[0]!, (2 * sigmoid(2)) / softplus(2))).toBe(true);
    expect(conditionAgrees(rows[1]!, sigmoid(1) / softplus(1))).toBe(true);
    expect([0, 1, 2, 3].map((j) => conditionAt(raw, 'grad', j))).toEqual([rows[0], rows[0], rows[1], rows[1]]);
    expect([0, 1].map((i) => conditionAt(raw, 'loss', i))).toEqual([rows[0], rows[1]]);
  });

  it('should leave a masked class (−∞) out, and give 0 where the loss and its sensitivity both vanish', () => {
    const [masked] = conditionNumbers(decoded(softmaxJson({ shape: [1, 3], input: [1, 0, '-Infinity'], target: [1] })));
    const [twoClass] = conditionNumbers(decoded(softmaxJson({ shape: [1, 2], input: [1, 0], target: [1] })));
    expect(masked).toBe(twoClass);
    expect(Array.from(conditionNumbers(decoded(softmaxJson({ shape: [1, 1], input: [3], target: [0] }))))).toEqual([0]);
  });
});
