/**
 * TOL-RUN's running-error analysis and TOL-MAG's magnitudes, operation by operation, as
 * spec/tolerance.md states them: each rounding adds |result| units of u and η = minSubnormal/(2u)
 * for gradual underflow; TOL-ACC's z adds one unit per binary64 operation, scaled like an error.
 * float16 makes η (2^-14) visible beside errors of a few units.
 */
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/numeric/dtype.js';
import { logOfOneMinusPlus, logOfSum, softplus } from '../../src/numeric/logs.js';
import { analysisArith, analysisKernels, analyzeCase, type Analyzed } from '../../src/verdict/analysis.js';
import { softmaxJson, valid } from '../__helpers__/cases.js';

const { minSubnormal, unitRoundoff } = FORMATS.float16;
const eta = minSubnormal / (2 * unitRoundoff);
const ar = analysisArith('float16');
const value = (v: number, m: number, e: number, z: number): Analyzed => ({ v, m, e, z });

describe('analysisArith (TOL-RUN, TOL-MAG, TOL-ACC z)', () => {
  it('should take η from the dtype: minSubnormal/(2u)', () => {
    expect(eta).toBe(2 ** -14);
    expect(ar.of(-3)).toEqual(value(-3, 3, 0, 0));
  });

  it('should add and subtract: errors and magnitudes add, the rounding of the result adds |result| + η', () => {
    const [a, b] = [value(1, 1, 2, 1), value(2, 3, 1, 2)];
    expect(ar.add(a, b)).toEqual(value(3, 4, 2 + 1 + (3 + eta), 4));
    expect(ar.sub(a, b)).toEqual(value(-1, 4, 2 + 1 + (1 + eta), 4));
  });

  it('should multiply: each error scaled by the other factor, z likewise, with one more unit', () => {
    const product = ar.mul(value(-2, 2, 1, 1), value(3, 5, 2, 0));
    expect(product).toEqual(value(-6, 10, 2 * 2 + 3 * 1 + (6 + eta), 0 + 3 * 1 + 1));
    // No underflow (z = 0) stays none, even scaled by an infinite factor.
    expect(ar.mul(ar.of(Infinity), ar.of(1)).z).toBe(1);
  });

  it('should divide: (e_a + |q|·e_b)/|b| plus the rounding of q, z likewise', () => {
    const quotient = ar.div(value(6, 6, 1, 1), value(-2, 2, 2, 1));
    expect(quotient).toEqual(value(-3, 3, (1 + 3 * 2) / 2 + (3 + eta), (1 + 3 * 1) / 2 + 1));
  });

  it('should negate the value only, and pick the max whole, NaN first', () => {
    const [a, b] = [value(1, 1, 5, 1), value(2, 2, 7, 2)];
    expect(ar.neg(b)).toEqual(value(-2, 2, 7, 2));
    expect(ar.max(a, b)).toBe(b);
    expect(ar.max(b, a)).toBe(b);
    const tie = value(1, 9, 9, 9);
    expect(ar.max(a, tie)).toBe(a);
    const nan = value(NaN, 0, 0, 0);
    expect(ar.max(nan, b)).toBe(nan);
    expect(ar.max(b, nan)).toBe(nan);
    expect([ar.isZero(ar.of(0)), ar.isZero(ar.of(-1e-300))]).toEqual([true, false]);
    expect([ar.sign(ar.of(-4)), ar.sign(ar.of(0)), ar.sign(ar.of(4))]).toEqual([-1, 0, 1]);
  });
});

describe('the binary kernels of the analysis (TOL-RUN: logs, BCE with logits; TOL-MAG)', () => {
  const binary = analysisKernels('float64').binary;

  it('should give a log of an exact argument 2|v| units, one of a rounded argument |v| + its roundings', () => {
    const exact = Math.log(0.25);
    expect(binary.logPlus(0.25, 0)).toEqual(value(exact, -exact, -2 * exact, 1));
    const rounded = logOfSum(0.25, 1e-3);
    expect(binary.logPlus(0.25, 1e-3)).toEqual(value(rounded, -rounded, -rounded + 1, 1));
    const complement = logOfOneMinusPlus(0.25, 0);
    expect(binary.logOneMinusPlus(0.25, 0)).toEqual(value(complement, -complement, -2 * complement, 1));
    const both = logOfOneMinusPlus(0.25, 1e-3);
    expect(binary.logOneMinusPlus(0.25, 1e-3)).toEqual(value(both, -both, -both + 2, 1));
  });

  it("should measure BCE with logits' terms (1 − y)·softplus(x) and pw·y·softplus(−x), for either sign of x", () => {
    const [y, complement, pw] = [ar.of(0.25), ar.of(0.75), 3];
    for (const x of [-2, 2]) {
      const loss = binary.bcelLoss(x, y, complement, pw);
      expect(loss.m).toBe(0.75 * softplus(x) + 0.75 * softplus(-x));
      // PyTorch's form: (1 − y)·x + (1 + (pw − 1)·y)·softplus(−x), softplus(−x) = max(−x, 0) + log1p(e^−|x|).
      const tail = Math.log1p(Math.exp(-Math.abs(x)));
      expect(loss.v).toBe(0.75 * x + 1.5 * (Math.max(-x, 0) + tail));
      expect(loss.e).toBeGreaterThan(2 * tail);
    }
  });

  it('should take σ(x) on either side of 0, and measure the gradient by its terms (1 − y)·σ(x) and pw·y·σ(−x)', () => {
    const [y, complement, pw] = [ar.of(0.25), ar.of(0.75), 3];
    const sigmoid = { [1]: 1 / (1 + Math.exp(-1)), [-1]: Math.exp(-1) / (1 + Math.exp(-1)) };
    for (const x of [-1, 1] as const) {
      const grad = binary.bcelGrad(x, y, complement, pw);
      expect(grad.v).toBe(1.5 * sigmoid[x] - 0.75);
      expect(grad.m).toBe(0.75 * sigmoid[x] + 0.75 * (1 - sigmoid[x]));
      // σ with 3 units of its own error, scaled by 1 + (pw − 1)·y = 1.5, and more roundings.
      expect(grad.e).toBeGreaterThan(1.5 * 3 * sigmoid[x]);
    }
  });
});

describe('the binary kernels at large |x| (TOL-RUN: the worse textbook form, errors relative to the terms)', () => {
  const binary = analysisKernels('float64').binary;

  it("should take TensorFlow's cancellation x − x·y for y = 1: the rounding of x·y, about |x| units", () => {
    // PyTorch's form is 0·x + softplus(−x), tiny; TensorFlow's rounds x·y = 30 and subtracts it from x.
    const loss = binary.bcelLoss(30, ar.of(1), ar.of(0), 1);
    expect(loss.v).toBe(Math.log1p(Math.exp(-30)));
    expect(loss.e).toBeGreaterThanOrEqual(30);
    expect(loss.e).toBeLessThan(31);
  });

  it('should bound the errors of a tiny loss and a tiny gradient by a few units of their own terms, not by their inverse', () => {
    const loss = binary.bcelLoss(40, ar.of(1), ar.of(0), 1);
    expect(loss.e).toBeLessThan(8 * 40);
    const grad = binary.bcelGrad(-40, ar.of(0), ar.of(1), 1);
    expect(grad.v).toBeCloseTo(Math.exp(-40), 30);
    expect(grad.e).toBeLessThan(8 * grad.m);
  });
});

describe('analyzeCase on a softmax row (TOL-RUN, TOL-MAG)', () => {
  it('should add the spread Σ p_j·|x_j − max| to every log-probability, and leave a masked class out of it', () => {
    const c = valid(
      softmaxJson({
        shape: [1, 3],
        input: [2, 0, '-Infinity'],
        targetKind: 'probability',
        target: [0.5, 0.5, 0],
        reduction: 'none',
        dtype: 'float64',
        outputs: ['loss', 'grad', 'logProb'],
      }),
    );
    const analysis = analyzeCase(c);
    const p1 = 1 / (1 + Math.exp(2));
    const spread = 2 * p1;
    for (const k of [0, 1]) {
      const lp = analysis.logProb![k]!;
      expect(lp.e).toBeCloseTo(2 * Math.abs(lp.v) + 3 + spread, 12);
    }
    // The masked class: p = 0 carries no error; its gradient W·0 − 0 only the product's rounding.
    expect(analysis.grad![2]).toMatchObject({ v: 0, m: 0 });
    expect(analysis.grad![2]!.e).toBeLessThan(1e-300);
    // Probability targets (every class's term, CE-4.2): ∂ℓ/∂x_c = W·p_c − a_c with W = 1.
    expect(analysis.grad![0]!.v).toBeCloseTo(1 - p1 - 0.5, 15);
    expect(analysis.grad![1]!.v).toBeCloseTo(p1 - 0.5, 15);
  });

  it('should give log-softmax 2|lp| + n + Σ p_j·|x_j − max| units, and the loss, gradient and z from it', () => {
    const c = valid(
      softmaxJson({
        shape: [1, 2],
        input: [0, 0],
        target: [0],
        reduction: 'none',
        dtype: 'float64',
        outputs: ['loss', 'grad', 'logProb'],
      }),
    );
    const analysis = analyzeCase(c);
    const lpError = 2 * Math.LN2 + 2 + 0;
    expect(analysis.logProb![0]).toEqual(value(-Math.LN2, Math.LN2, lpError, 4));
    // −(1·lp): the product's error 1·e(lp) + |lp|·0 and its rounding |lp| + η (float64's η is 2^-1021).
    expect(analysis.loss[0]).toEqual(value(Math.LN2, Math.LN2, lpError + (Math.LN2 + 2 ** -1021), 1 * 4 + 1));
    // p = 1/2 with p·(e(lp) + 1) + η units; the gradient's magnitude (|W| + |a_c|)·p_c + |a_c| = 2.
    expect(analysis.grad![0]!.m).toBe(2);
    expect(analysis.grad![1]!.m).toBe(0.5);
    expect(analysis.grad![0]!.v).toBe(-0.5);
    expect(analysis.grad![0]!.e).toBeGreaterThan(0.5 * (lpError + 1));
  });
});
