/**
 * A failure's condition number at its value (TOL-4, REP-10.2) and whose the failure is
 * (TOL-ATTR, REP-10.3), on cases whose κ is known in closed form.
 */
import { describe, expect, it } from 'vitest';
import { decodeCase } from '../../src/case/decode.js';
import { ulpDistance, bitsOfError } from '../../src/numeric/ulp.js';
import { attribute, conditioningAllowance, formatCondition } from '../../src/verdict/attribution.js';
import { valueContexts } from '../../src/verdict/compare.js';
import { conditionAt } from '../../src/verdict/condition.js';
import { levelAllowance, type LevelName, type ValueContext } from '../../src/verdict/levels.js';
import { conditionAgrees } from '../../src/verdict/tolerances.js';
import { bceJson, linearJson, softmaxJson, valid } from '../__helpers__/cases.js';

const softplus = (z: number): number => Math.log1p(Math.exp(z));
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
/** A probability whose −log is tiny: BCE of target 1 there is ill-conditioned (κ = 1/L ≈ 1e9). */
const NEAR_ONE = 1 - 2 ** -30;
/** κ of two classes [a, 0] with target 1: a·σ(a)/softplus(a) (x̃ = [0, −a], ∂L/∂x_1 = σ(a) − 1). */
const twoClassKappa = (a: number): number => (a * sigmoid(a)) / softplus(a);

/** The attribution of `expected·(1 + rel)` for the case's loss[0] (float64). */
function attributed(json: Record<string, unknown>, expected: number, rel: number, level: LevelName) {
  const actual = expected * (1 + rel);
  const bits = bitsOfError(ulpDistance(actual, expected, 'float64'));
  const kappa = conditionAt(decodeCase(json), 'loss', 0);
  return { kappa, ...attribute(level, actual, expected, bits, kappa, valueContexts(valid(json))('loss', 0)) };
}

describe('conditionAt (TOL-4, REP-10.2)', () => {
  it("should give a value its own position's κ under none, and the scalar's under mean", () => {
    const rows = { shape: [2, 2], input: [1, 0, 3, 0], target: [1, 1] };
    const none = decodeCase(softmaxJson({ ...rows, reduction: 'none' }));
    expect(conditionAgrees(conditionAt(none, 'loss', 0), twoClassKappa(1))).toBe(true);
    expect(conditionAgrees(conditionAt(none, 'grad', 3), twoClassKappa(3))).toBe(true); // row 1, class 1
    expect(conditionAgrees(conditionAt(none, 'grad', 1), twoClassKappa(1))).toBe(true);
    const mean = decodeCase(softmaxJson(rows));
    expect(conditionAt(mean, 'grad', 3)).toBe(conditionAt(mean, 'loss', 0));
  });

  it("should give lse its position's κ (LSE-1), and leave linear CE's unestimated (NaN)", () => {
    const rows = { shape: [2, 2], input: [1, 0, 3, 0], target: [1, 1], outputs: ['loss', 'lse'] };
    const none = decodeCase(softmaxJson({ ...rows, reduction: 'none' }));
    expect(conditionAt(none, 'lse', 1)).toBe(conditionAt(none, 'loss', 1));
    const mean = decodeCase(softmaxJson(rows));
    expect(conditionAt(mean, 'lse', 1)).toBe(conditionAt(mean, 'loss', 0));
    expect(conditionAt(decodeCase(linearJson({ outputs: ['loss', 'gradWeight'] })), 'gradWeight', 11)).toBeNaN();
  });

  // Above torch's clamp of p(1 − p) at 1e-12 in BCE's gradient (BCE-3), which would bound κ.
  it('should be 1/L for BCE with p = 1 − 2^-30 and target 1: −log p has κ = |p·(−1/p)|/L', () => {
    const kappa = conditionAt(decodeCase(bceJson({ shape: [1], input: [NEAR_ONE], target: [1] })), 'loss', 0);
    expect(conditionAgrees(kappa, 1 / -Math.log1p(-(2 ** -30)))).toBe(true);
  });
});

describe('attribute (TOL-ATTR, REP-10.3)', () => {
  it("should call a well-conditioned failure the implementation's: more bits lost than the level allows for κ", () => {
    const json = softmaxJson({ shape: [1, 2], input: [1, 0], target: [1] });
    const a = attributed(json, softplus(1), 2 ** -30, 'stable');
    expect(a.kappa).toBeLessThan(1);
    expect(a.cause).toBe('implementation');
    expect(a.errorBits).toBeGreaterThan(a.conditioningBits);
    expect(a.errorBits).toBeGreaterThan(a.levelBits);
    expect(a.text).toBe(
      `implementation: ${a.errorBits.toFixed(1)} bits lost where the stable level allows ${a.levelBits.toFixed(1)} for κ = ${Number(a.kappa.toPrecision(3))}`,
    );
  });

  // TOL-MAG counts both logs of BCE (m(1 − y) = 2), so `accurate` allows 38 bits here: `stable` is the stricter.
  it("should call an ill-conditioned input's failure the conditioning's: within κ·u·|y|, beyond the level", () => {
    const json = bceJson({ shape: [1], input: [NEAR_ONE], target: [1] });
    const a = attributed(json, -Math.log1p(-(2 ** -30)), 2 ** -40, 'stable');
    expect(a.kappa).toBeGreaterThan(1e9);
    expect(a.cause).toBe('conditioning');
    expect(a.errorBits).toBeGreaterThan(a.levelBits); // it fails the level
    expect(a.errorBits).toBeLessThan(a.conditioningBits); // which asks more than conditioning allows
    expect(a.text).toMatch(/^the input is ill-conditioned \(κ = \d\.\d\de\+9\): a backward-stable algorithm may lose /);
  });

  it("should judge a loss whose κ is not estimated by the stable level's allowance alone, and say so", () => {
    const json = linearJson({ reduction: 'none' });
    const ctx = valueContexts(valid(json))('loss', 0);
    const stable = levelAllowance('stable', 2, 2, ctx);
    const a = attribute('exact', 2 + stable / 2, 2, 12, NaN, ctx);
    expect(a.cause).toBe('conditioning');
    expect(a.text).toMatch(/^the value's terms cancel \(κ not estimated; TOL-LEVEL\.5's μ\): /);
    const b = attribute('exact', 2 + 2 * stable, 2, 32, NaN, ctx);
    expect(b.cause).toBe('implementation');
    expect(b.text).toMatch(/ for κ not estimated$/);
  });

  // A tied row's gradient (TOL-ACC.1): κ = 0 is perfect conditioning, so the text must not call it ill-conditioned.
  it("should say a value's terms cancel, not that the input is ill-conditioned, where s explains the error and κ does not", () => {
    const json = softmaxJson({
      shape: [1, 2],
      input: [100, 100],
      target: [0],
      labelSmoothing: 1 - 2 ** -53,
      outputs: ['loss', 'grad'],
    });
    const ctx = valueContexts(valid(json))('grad', 0);
    const a = attribute('accurate', 0, -(2 ** -54), 61.9, 0, ctx);
    expect(a.cause).toBe('conditioning');
    expect(a.text).toMatch(
      /^the value's terms cancel \(κ = 0; TOL-LEVEL\.5's μ\): a backward-stable algorithm may lose /,
    );
    expect(a.text).not.toContain('ill-conditioned');
  });

  it("should call a NaN where the exact value is finite the implementation's, whatever κ", () => {
    const json = bceJson({ shape: [1], input: [NEAR_ONE], target: [1] });
    const ctx = valueContexts(valid(json))('loss', 0);
    const a = attribute('accurate', NaN, 1.1e-16, 64, 9e15, ctx);
    expect(a.cause).toBe('implementation');
    expect(a.text).toContain('NaN where the exact value is finite');
  });
});

describe('conditioningAllowance and the edge of attribution (TOL-ATTR)', () => {
  const context = (output: 'loss' | 'grad'): ValueContext => ({
    dtype: 'float64',
    loss: 'softmax_cross_entropy',
    output,
    analysis: { v: -1.5, m: 1.5, e: 1, z: 0 },
    rowLength: 2,
  });

  it('should be max(s, κ·u_d·|RN(y)|) for a loss value, and s alone for a gradient (κ of a gradient is not estimated)', () => {
    const stable = levelAllowance('stable', -1.5, -1.5, context('loss'));
    expect(conditioningAllowance(-1.5, -1.5, 2 ** 20, context('loss'))).toBe(2 ** 20 * 2 ** -53 * 1.5);
    expect(conditioningAllowance(-1.5, -1.5, 1, context('loss'))).toBe(stable);
    expect(conditioningAllowance(-1.5, -1.5, 2 ** 20, context('grad'))).toBe(stable);
  });

  it("should call an error of exactly E the conditioning's, and one beyond it the implementation's", () => {
    // κ·u·|y| = 2^13·2^-53·1 = 2^-40, far above s for this value.
    const ctx = { ...context('loss'), analysis: { v: 1, m: 1, e: 1, z: 0 } };
    const actual = 1 + 2 ** -40;
    expect(attribute('accurate', actual, 1, 10, 2 ** 13, ctx).cause).toBe('conditioning');
    expect(attribute('accurate', actual, 1, 10, 2 ** 13 - 1, ctx).cause).toBe('implementation');
  });
});

describe('formatCondition (REP-10.2: three significant digits, exponent form below 10^-3 and from 10^4 on)', () => {
  it("should write the spec's examples and its edges", () => {
    expect(formatCondition(12)).toBe('12');
    expect(formatCondition(0)).toBe('0');
    expect(formatCondition(1e-3)).toBe('0.001');
    expect(formatCondition(1e-8)).toBe('1.00e-8');
    expect(formatCondition(9.99e-4)).toBe('9.99e-4');
    expect(formatCondition(1e4)).toBe('1.00e+4');
    expect(formatCondition(9990)).toBe('9990');
    expect(formatCondition(123456)).toBe('1.23e+5');
  });
});
