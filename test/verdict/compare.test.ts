/**
 * compareCase (TOL-LEVEL, FMT-3): the outputs a case asks for, and `loss` always, judged value by
 * value, the failing and worst first; a missing output or a length that does not fit named as
 * such (FMT-5.3's fault kinds).
 */
import { describe, expect, it } from 'vitest';
import { compareCase } from '../../src/verdict/compare.js';
import { softmaxJson, valid } from '../__helpers__/cases.js';

const c = valid(
  softmaxJson({ dtype: 'float64', shape: [1, 3], input: [1, 2, 3], target: [0], outputs: ['loss', 'grad'] }),
);
const expected = {
  loss: Float64Array.of(1),
  grad: Float64Array.of(-0.5, 0.25, 0.25),
  logProb: Float64Array.of(-1, -2, -2),
};

describe('compareCase (TOL-LEVEL, FMT-3)', () => {
  it('should judge loss and the outputs asked for, never one not asked for', () => {
    const result = compareCase(
      c,
      { loss: Float64Array.of(1), grad: Float64Array.of(-0.5, 0.25, 0.25) },
      expected,
      'exact',
    );
    expect(result.pass).toBe(true);
    expect(result.values.map((v) => `${v.output}[${v.index}]`)).toEqual(['loss[0]', 'grad[0]', 'grad[1]', 'grad[2]']);
  });

  it('should judge loss whenever it is given, even when the case asks only for others (FMT-3), and logProb when asked', () => {
    const gradOnly = valid(softmaxJson({ shape: [1, 3], input: [1, 2, 3], target: [0], outputs: ['grad', 'logProb'] }));
    const answer = { loss: Float64Array.of(2), grad: expected.grad, logProb: Float64Array.of(-1, -2, -3) };
    const result = compareCase(gradOnly, answer, expected, 'exact');
    expect(result.values.filter((v) => !v.pass).map((v) => `${v.output}[${v.index}]`)).toEqual([
      'loss[0]',
      'logProb[2]',
    ]);
    expect(result.values).toHaveLength(7);
  });

  it('should put the failing values first, the furthest first, then the passing ones', () => {
    const grad = Float64Array.of(-0.5, 0.25 + 2 ** -50, 0.25 + 2 ** -40);
    const result = compareCase(c, { loss: Float64Array.of(1), grad }, expected, 'exact');
    expect(result.pass).toBe(false);
    expect(result.values.map((v) => [`${v.output}[${v.index}]`, v.pass])).toEqual([
      ['grad[2]', false],
      ['grad[1]', false],
      ['loss[0]', true],
      ['grad[0]', true],
    ]);
    expect(result.values[0]!.ulps).toBeGreaterThan(result.values[1]!.ulps);
  });

  it('should name a missing output and a length that does not fit (missing-field, wrong-length)', () => {
    expect(compareCase(c, { loss: Float64Array.of(1) }, expected, 'exact')).toMatchObject({
      pass: false,
      shapeProblem: 'grad is missing',
      shapeFault: 'missing-field',
    });
    expect(compareCase(c, { loss: Float64Array.of(1), grad: Float64Array.of(0, 0) }, expected, 'exact')).toMatchObject({
      pass: false,
      shapeProblem: 'grad has 2 values, expected 3 (FMT-3)',
      shapeFault: 'wrong-length',
    });
  });
});
