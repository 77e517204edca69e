import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/numeric/dtype.js';
import { ulpOf } from '../../src/numeric/ulp.js';
import { valueContexts } from '../../src/verdict/compare.js';
import { levelAllowance, stableTolerance } from '../../src/verdict/levels.js';
import { FRAMEWORK_TOLERANCE } from '../../src/verdict/tolerances.js';
import { distanceFromExact, linearRelation } from '../../src/verdict/relation.js';
import { softmaxJson, valid } from '../__helpers__/cases.js';

const ctx = valueContexts(valid(softmaxJson({ dtype: 'float32', outputs: ['loss', 'grad'] })))('loss', 0);

describe('distanceFromExact (TOL-REL.1)', () => {
  it('should be the level allowance against RN(y) plus half an ulp of RN(y)', () => {
    const y = 1.25;
    const half = ulpOf(y, 'float32') / 2;
    expect(distanceFromExact('exact', y, y, ctx)).toBe(half);
    expect(distanceFromExact('stable', y, y, ctx)).toBe(stableTolerance(ctx) + 2 * half);
    const { rtol, atol } = FRAMEWORK_TOLERANCE.float32;
    expect(distanceFromExact('framework', y, y, ctx)).toBe(atol + rtol * y + half);
    expect(distanceFromExact('accurate', y, y, ctx)).toBeGreaterThan(2 * ulpOf(y, 'float32'));
  });

  it('should measure accurate with the wider spacing when an answer crosses a binade', () => {
    const below = 1 - FORMATS.float32.unitRoundoff;
    expect(levelAllowance('accurate', below, 1, ctx)).toBe(levelAllowance('accurate', 1, 1, ctx));
  });
});

describe('linearRelation (TOL-REL.2)', () => {
  const term = (coefficient: number, value: number, distance = 0) => ({ coefficient, value, distance });

  it('should allow each answer its distance, scaled by its coefficient', () => {
    expect(linearRelation([term(1, 1.001, 0.0005), term(-2, 0.5, 0.00025)]).holds).toBe(true);
    expect(linearRelation([term(1, 1.001, 0.0004), term(-2, 0.5, 0.00025)]).holds).toBe(false);
  });

  it('should allow the binary64 evaluation of the relation and nothing more', () => {
    const third = 1 / 3;
    expect(linearRelation([term(3, third), term(-1, 1)]).holds).toBe(true);
    expect(linearRelation([term(3, third * (1 + 2 ** -40)), term(-1, 1)]).holds).toBe(false);
  });

  // Seed 20261129's finite difference: a subnormal upstream gradient times a derivative (UP-2).
  it('should allow each operation 2^-1075 absolutely: a subnormal constant rounds by that, not relatively', () => {
    const tiny = 2 ** -1074;
    // ŷ = 4·tiny within tiny of y = 3·tiny; c = RN(2.5·tiny) = 2·tiny (ties to even) with 1 + 1 + 1
    // operations: allowed tiny + 3·2^-1074 (2^-1075 rounded up), where u·Σ|α·ŷ| underflows to 0.
    expect(linearRelation([term(1, 4 * tiny, tiny)], { constant: 2 * tiny }).holds).toBe(true);
    expect(linearRelation([term(1, 7 * tiny, tiny)], { constant: 2 * tiny }).holds).toBe(false);
  });

  it('should add a derived slack and compare with a constant', () => {
    expect(linearRelation([term(1, 2.01)], { constant: 2, slack: 0.02 }).holds).toBe(true);
    expect(linearRelation([term(1, 2.03)], { constant: 2, slack: 0.02 }).holds).toBe(false);
  });

  it('should judge an inequality one-sided', () => {
    expect(linearRelation([term(1, 5)], { constant: 1, inequality: true }).holds).toBe(true);
    expect(linearRelation([term(1, 0.99, 0.005)], { constant: 1, inequality: true }).holds).toBe(false);
    expect(linearRelation([term(1, 0.999, 0.005)], { constant: 1, inequality: true }).holds).toBe(true);
  });

  it('should hold with the residual exactly at the allowance, on either form (no further than allowed)', () => {
    // The evaluation's part alone (no distance, no slack), then a slack that brings the allowance to |residual| = 0.5.
    for (const [value, inequality] of [
      [1.5, false],
      [0.5, true],
    ] as const) {
      const evaluation = linearRelation([term(1, value)], { constant: 1 }).allowed;
      const slack = 0.5 - evaluation;
      expect(slack + evaluation).toBe(0.5);
      expect(linearRelation([term(1, value)], { constant: 1, slack, inequality }).holds).toBe(true);
      expect(linearRelation([term(1, value)], { constant: 1, slack: slack - 2 ** -50, inequality }).holds).toBe(false);
    }
  });

  it("should measure the evaluation by Σ |α·ŷ| and |c| (Higham's γ over the products)", () => {
    // n = 2 terms, one rounding of α: (2 + 1 + 1)·u·(|2·3| + |−3·2| + |1|).
    expect(linearRelation([term(2, 3), term(-3, 2)], { constant: 1 }).allowed).toBe(4 * 2 ** -53 * 13);
  });

  it('should ignore a term with coefficient 0, whatever its distance (TOL-REL.3 judges its finiteness)', () => {
    const outcome = linearRelation([term(1, 1), term(0, 7, Infinity), term(-1, 1)]);
    expect(outcome.holds).toBe(true);
    // Only the binary64 evaluation: (n + 1 + max k)·u·Σ|α·ŷ| with n = 3 terms, k = 1, Σ = 2.
    expect(outcome.allowed).toBe((3 + 1 + 1) * 2 ** -53 * 2);
  });
});
