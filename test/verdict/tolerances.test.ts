/**
 * The tolerance constants and comparisons of spec/tolerance.md: TOL-4's three digits, TOL-5's
 * truncated notes, TOL-FW's table, TOL-THR's agreement of a located threshold.
 */
import { describe, expect, it } from 'vitest';
import { DTYPES } from '../../src/case/types.js';
import { ulpOf } from '../../src/numeric/ulp.js';
import { thresholdAgrees, thresholdTolerance } from '../../src/verdict/threshold.js';
import {
  CONDITION_DIGITS,
  FRAMEWORK_TOLERANCE,
  NOTES_TRUNCATION_UNIT,
  conditionAgrees,
  frameworkClose,
  matchesNotes,
} from '../../src/verdict/tolerances.js';

describe('TOL-5: values the notes write truncated to four places', () => {
  it('should match v ≤ ŷ < v + 10^-4 and nothing else (BCEL-3: 0.47886… is written 0.4788)', () => {
    expect(NOTES_TRUNCATION_UNIT).toBe(1e-4);
    expect(matchesNotes(0.47886, 0.4788)).toBe(true);
    expect(matchesNotes(0.4788, 0.4788)).toBe(true);
    expect(matchesNotes(0.47886, 0.4789)).toBe(false);
    expect(matchesNotes(0.4788 + 1e-4, 0.4788)).toBe(false);
    expect(matchesNotes(0.47879, 0.4788)).toBe(false);
  });
});

describe('TOL-4: condition numbers to three significant digits', () => {
  it('should agree on the first three digits only', () => {
    expect(CONDITION_DIGITS).toBe(3);
    expect(conditionAgrees(12.34, 12.3)).toBe(true);
    expect(conditionAgrees(12.36, 12.3)).toBe(false);
  });
});

describe('TOL-FW: what torch.testing.assert_close accepts', () => {
  it('should hold the table of spec/tolerance.md per dtype', () => {
    expect(FRAMEWORK_TOLERANCE).toEqual({
      float64: { rtol: 1e-7, atol: 1e-7 },
      float32: { rtol: 1.3e-6, atol: 1e-5 },
      float16: { rtol: 1e-3, atol: 1e-5 },
      bfloat16: { rtol: 1.6e-2, atol: 1e-5 },
    });
  });

  it('should accept |ŷ − y| ≤ atol + rtol·|y|, at the edge included, and nothing beyond', () => {
    for (const dtype of DTYPES) {
      const { rtol, atol } = FRAMEWORK_TOLERANCE[dtype];
      const allowed = atol + rtol * 2;
      expect(frameworkClose(-2 + allowed / 2, -2, dtype), dtype).toBe(true);
      expect(frameworkClose(-2 - allowed * 1.5, -2, dtype), dtype).toBe(false);
      expect(frameworkClose(-2 + allowed * 1.5, -2, dtype), dtype).toBe(false);
    }
    expect(frameworkClose(0.5, 0.5 - 1e-7 - 1e-7 * 0.5, 'float64')).toBe(false);
    expect(frameworkClose(1e-7, 0, 'float64')).toBe(true);
    expect(frameworkClose(-1e-7, 0, 'float64')).toBe(true);
  });

  it('should match NaN with NaN only, and an infinity with itself only', () => {
    expect(frameworkClose(NaN, NaN, 'float32')).toBe(true);
    expect(frameworkClose(NaN, 1, 'float32')).toBe(false);
    expect(frameworkClose(1, NaN, 'float32')).toBe(false);
    expect(frameworkClose(Infinity, Infinity, 'float32')).toBe(true);
    expect(frameworkClose(-Infinity, Infinity, 'float32')).toBe(false);
    expect(frameworkClose(3.4e38, Infinity, 'float32')).toBe(false);
    expect(frameworkClose(Infinity, 3.4e38, 'float32')).toBe(false);
  });
});

describe('TOL-THR: a located threshold against a predicted one', () => {
  it('should allow ρ(T̂) + ulp_d(T)/2 + s, ρ(T̂) = 10^(⌊log10 T̂⌋ − 3)', () => {
    const predicted = { threshold: 88.72, slack: 0.01, clause: 'PRED-1' };
    const allowed = 10 ** (1 - 3) + ulpOf(88.72, 'float32') / 2 + 0.01;
    expect(thresholdTolerance(88.7, predicted, 'float32')).toBe(allowed);
    expect(thresholdAgrees(88.72 + allowed * 0.99, predicted, 'float32')).toBe(true);
    expect(thresholdAgrees(88.72 - allowed * 0.99, predicted, 'float32')).toBe(true);
    expect(thresholdAgrees(88.72 + allowed * 1.01, predicted, 'float32')).toBe(false);
    expect(thresholdAgrees(88.72 - allowed * 1.01, predicted, 'float32')).toBe(false);
  });

  it('should agree at the allowance exactly (no further apart than it)', () => {
    // Binary fractions throughout: ρ(T̂) = 10^0 for T̂ in [1000, 10000), ulp_32(1024)/2 = 2^-14.
    const predicted = { threshold: 1024, slack: 0.5, clause: 'PRED-1' };
    const edge = 1024 + (1 + 2 ** -14 + 0.5);
    expect(thresholdTolerance(edge, predicted, 'float32')).toBe(edge - 1024);
    expect(thresholdAgrees(edge, predicted, 'float32')).toBe(true);
    expect(thresholdAgrees(edge + 2 ** -42, predicted, 'float32')).toBe(false);
  });
});
