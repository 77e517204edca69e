import { afterAll, describe, expect, it } from 'vitest';
import type { LossValues } from '../../src/case/types.js';
import { validateCase } from '../../src/case/validate.js';
import { createMpfrEngine } from '../../src/reference/mpfrEngine.js';
import { evaluateReference } from '../../src/reference/reference.js';
import { compareCase } from '../../src/verdict/compare.js';
import { FORMATS } from '../../src/numeric/dtype.js';
import { ulpOf } from '../../src/numeric/ulp.js';
import { FRAMEWORK_TOLERANCE } from '../../src/verdict/tolerances.js';
import { accurateUlpBound } from '../../src/verdict/accurateBound.js';
import {
  DEFAULT_LEVEL,
  LEVELS,
  STABLE_FACTOR,
  judgeValue,
  levelAllowance,
  stableTolerance,
  type LevelName,
  type ValueContext,
} from '../../src/verdict/levels.js';
import { decoded, softmaxJson, type CaseJson } from '../__helpers__/cases.js';
import { run } from '../__helpers__/run.js';

const engine = await createMpfrEngine();
afterAll(() => engine.dispose());

function verdict(json: CaseJson, actual: LossValues, level: LevelName) {
  const c = validateCase(decoded(json));
  return compareCase(c, actual, evaluateReference(c, engine).values, level);
}

const f = Math.fround;

/** The rejected form: lse = m + log Σ exp(x − m), then lse − x_t, in float32. */
function offsetBug(x: number[], t: number): number {
  const m = Math.max(...x);
  const sum = x.reduce((s, v) => f(s + f(Math.exp(f(v - m)))), 0);
  return f(f(m + f(Math.log(sum))) - x[t]!);
}

describe('the stable level (TOL-LEVEL.5, TOL-RUN: DESIGN anchors)', () => {
  const offsetCase = softmaxJson({
    dtype: 'float32',
    shape: [1, 4],
    input: [10000, 10001.5, 9999.25, 10000.75],
    target: [0],
    reduction: 'sum',
    outputs: ['loss'],
  });

  it('should reject (m + log Σ) − x_t with logits near 1e4 in float32', () => {
    const x = offsetCase.input as number[];
    const buggy = { loss: Float64Array.of(offsetBug(x, 0)) };
    expect(verdict(offsetCase, buggy, 'stable').pass).toBe(false);
    expect(verdict(offsetCase, run('fused', offsetCase), 'stable').pass).toBe(true);
  });

  it('should accept (x_t − m) − log(1 + s) returning 0 for a true loss of 4e-18, and accurate (TOL-LEVEL.4) should not', () => {
    const tiny = softmaxJson({
      shape: [1, 10],
      input: [40, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      target: [0],
      reduction: 'sum',
      outputs: ['loss', 'grad'],
    });
    const fused = run('fused', tiny);
    expect(fused.loss[0]).toBe(0);
    expect(verdict(tiny, fused, 'stable').pass).toBe(true);
    expect(verdict(tiny, fused, 'accurate').pass).toBe(false);
    expect(verdict(tiny, run('accurate', tiny), 'accurate').pass).toBe(true);
  });

  it('should accept a gradient formed as softmax − target by subtraction, which accurate rejects', () => {
    // p_0 − 1 for a confident row: −3.8e-17 exactly, 0 by subtraction.
    const json = softmaxJson({
      shape: [1, 10],
      input: [40, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      target: [0],
      weight: [2, 1, 1, 1, 1, 1, 1, 1, 1, 3],
      reduction: 'sum',
      outputs: ['grad'],
    });
    const fused = run('fused', json);
    expect(fused.grad![0]).toBe(0);
    expect(verdict(json, fused, 'stable').pass).toBe(true);
    expect(verdict(json, fused, 'accurate').pass).toBe(false);
    expect(verdict(json, run('accurate', json), 'accurate').pass).toBe(true);
  });

  it('should scale gradual underflow by the weights that multiply it: subnormal p times w = 1000 (TOL-RUN η, TOL-ACC z)', () => {
    // p_1, p_2 ≈ 1e-322 are subnormal in binary64; each carries up to half a subnormal unit,
    // which the weights magnify hundreds of times in the gradient and the loss.
    const json = softmaxJson({
      shape: [2, 3],
      input: [0, -740.3, -741.1, 0, -739.7, -742.2],
      target: [0, 0],
      weight: [1000, 777.7, 1234.5],
      reduction: 'sum',
      outputs: ['loss', 'grad'],
    });
    const fused = run('fused', json);
    expect(verdict(json, fused, 'stable').pass).toBe(true);
    expect(verdict(json, fused, 'accurate').pass).toBe(false); // log(1 + s) = 0: the loss is lost
    expect(verdict(json, run('accurate', json), 'accurate').pass).toBe(true);
  });

  it('should reject NaN or Infinity where the exact value is finite, at every level (TOL-LEVEL.2)', () => {
    const overflow = softmaxJson({
      shape: [1, 3],
      input: [800, 0, -1],
      target: [1],
      reduction: 'sum',
      outputs: ['loss'],
    });
    for (const level of ['exact', 'accurate', 'stable', 'framework'] as const) {
      const r = verdict(overflow, run('naive', overflow), level);
      expect(r.pass).toBe(false);
      expect(r.values[0]!.reason).toContain('where the exact value is finite');
    }
  });

  it('should demand NaN where the profile gives NaN (TOL-LEVEL.2)', () => {
    const ignored = softmaxJson({ target: [-100, -100], outputs: ['loss'] });
    expect(verdict(ignored, { loss: Float64Array.of(0) }, 'framework').pass).toBe(false);
    expect(verdict(ignored, run('fused', ignored), 'exact').pass).toBe(true);
  });

  it('should round a binary64 answer into the dtype before judging (TOL-LEVEL.1)', () => {
    const json = softmaxJson({ dtype: 'float32', outputs: ['loss'] });
    const wide = run('accurate', { ...json, dtype: 'float64' });
    expect(verdict(json, wide, 'exact').values[0]!.ulps).toBeLessThanOrEqual(1);
  });
});

describe('the exact and framework levels (TOL-LEVEL.3, TOL-LEVEL.6)', () => {
  it('should demand 0 ULP at exact, and assert_close closeness at framework', () => {
    const json = softmaxJson({ outputs: ['loss'] });
    const c = validateCase(decoded(json));
    const expected = evaluateReference(c, engine).values;
    const off = { loss: Float64Array.of(expected.loss[0]! * (1 + 1e-15)) };
    expect(compareCase(c, off, expected, 'exact').pass).toBe(false);
    expect(compareCase(c, off, expected, 'framework').pass).toBe(true);
    expect(compareCase(c, { loss: Float64Array.of(expected.loss[0]! * 1.01) }, expected, 'framework').pass).toBe(false);
  });
});

describe('the levels (TOL-LEVEL)', () => {
  it('should be exact, accurate, stable, opmath and framework (TOL-LEVEL.3..7), opmath the default', () => {
    expect(LEVELS).toEqual(['exact', 'accurate', 'stable', 'opmath', 'framework']);
    expect(DEFAULT_LEVEL).toBe('opmath');
  });
});

describe('judgeValue (TOL-LEVEL.1..6)', () => {
  const context = (dtype: 'float16' | 'float64', e: number): ValueContext => ({
    dtype,
    loss: 'softmax_cross_entropy',
    output: 'loss',
    analysis: { v: 1, m: 1, e, z: 0 },
    rowLength: 4,
  });

  it('should give stable STABLE_FACTOR·(u·e + n·minSubnormal) (TOL-LEVEL.5), and ∞ where the estimate is NaN', () => {
    const { unitRoundoff, minSubnormal } = FORMATS.float16;
    expect(stableTolerance(context('float16', 3))).toBe(STABLE_FACTOR * (unitRoundoff * 3 + 4 * minSubnormal));
    expect(stableTolerance(context('float16', NaN))).toBe(Infinity);
  });

  it("should pass accurate up to TOL-ACC's bound in ULPs, at the bound included", () => {
    const ctx = context('float64', 0);
    const bound = accurateUlpBound({
      dtype: 'float64',
      loss: 'softmax_cross_entropy',
      output: 'loss',
      exact: 1,
      magnitude: 1,
      underflow: 0,
    });
    expect(judgeValue('accurate', 1 + bound * 2 ** -52, 1, ctx)).toMatchObject({ pass: true, ulps: bound });
    expect(judgeValue('accurate', 1 + (bound + 1) * 2 ** -52, 1, ctx)).toEqual({
      kind: 'beyond-level',
      pass: false,
      ulps: bound + 1,
      bits: Math.log2(bound + 2),
      reason: `${bound + 1} ULPs (${Math.log2(bound + 2).toFixed(1)} bits) from the exact value, beyond the accurate level`,
    });
  });

  it('should pass framework and stable at their allowance exactly, and fail one ulp beyond (TOL-LEVEL.5, TOL-LEVEL.6)', () => {
    const ctx = context('float64', 1);
    const { atol } = FRAMEWORK_TOLERANCE.float64;
    expect(judgeValue('framework', atol, 0, ctx).pass).toBe(true);
    expect(judgeValue('framework', atol * (1 + 2 ** -52), 0, ctx).pass).toBe(false);
    const stable = levelAllowance('stable', 1, 1, ctx);
    expect(judgeValue('stable', 1 + stable, 1, ctx).pass).toBe(true);
    expect(judgeValue('stable', 1 + stable + 2 ** -52, 1, ctx).pass).toBe(false);
  });

  it("should span accurate's allowance (TOL-REL.1) over TOL-ACC's ULP bound of the wider spacing, and at most one more", () => {
    // M = 2^40: β·u·M = 2^-8, four ULPs of 1.5 in float16.
    const ctx = { ...context('float16', 0), analysis: { v: 1, m: 2 ** 40, e: 0, z: 0 } };
    const input = {
      dtype: 'float16',
      loss: 'softmax_cross_entropy',
      output: 'loss',
      magnitude: 2 ** 40,
      underflow: 0,
    } as const;
    for (const [expected, actual] of [
      [1.5, 1.5],
      [1.5, 2.5],
    ] as const) {
      const spacing = Math.max(ulpOf(expected, 'float16'), ulpOf(actual, 'float16'));
      const ulps = accurateUlpBound({ ...input, exact: expected });
      const allowance = levelAllowance('accurate', expected, actual, ctx);
      expect(allowance).toBeGreaterThanOrEqual((ulps - 1) * spacing);
      expect(allowance).toBeLessThanOrEqual((ulps + 1) * spacing);
    }
  });

  it('should pass NaN for NaN and an infinity for itself, and name what a non-finite answer stands against', () => {
    const ctx = context('float64', 1);
    expect(judgeValue('exact', NaN, NaN, ctx).pass).toBe(true);
    expect(judgeValue('exact', -Infinity, -Infinity, ctx).pass).toBe(true);
    expect(judgeValue('exact', Infinity, NaN, ctx)).toMatchObject({
      pass: false,
      reason: 'Infinity where the profile gives NaN',
    });
    expect(judgeValue('exact', NaN, 2, ctx)).toMatchObject({
      pass: false,
      reason: 'NaN where the exact value is finite',
    });
    expect(judgeValue('framework', 2, Infinity, ctx).pass).toBe(false);
  });
});
