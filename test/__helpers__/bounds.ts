/**
 * Assertions built on spec/tolerance.md, so that no test types a tolerance of its own.
 */
import { expect } from 'vitest';
import type { Dtype, LossName, OutputName } from '../../src/case/types.js';
import { roundTo } from '../../src/numeric/dtype.js';
import { ulpDistance, ulpOf } from '../../src/numeric/ulp.js';
import { accurateAbsoluteBound, accurateUlpBound } from '../../src/verdict/accurateBound.js';
import { analyzeCase } from '../../src/verdict/analysis.js';
import { valid, type CaseJson } from './cases.js';

export interface AccurateExpectation {
  readonly dtype?: Dtype;
  readonly loss: LossName;
  readonly output?: OutputName;
  /** TOL-ACC's M; defaults to |exact| (terms of one sign). */
  readonly magnitude?: number;
  /** TOL-ACC's z (units of 2^-1074); defaults to one row's exponentials and the log. */
  readonly underflow?: number;
  /** Names the value in a failure message. */
  readonly label?: string;
}

/** TOL-ACC's inputs for one expectation, its defaults filled in. */
const boundInput = (exact: number, e: AccurateExpectation) => ({
  dtype: e.dtype ?? 'float64',
  loss: e.loss,
  output: e.output ?? 'loss',
  exact,
  magnitude: e.magnitude ?? Math.abs(exact),
  underflow: e.underflow ?? 3,
});

/** Why `actual` is outside the accurate algorithm's bound (TOL-ACC) of the exact value, or undefined. */
export function accurateBoundViolation(actual: number, exact: number, e: AccurateExpectation): string | undefined {
  const dtype = e.dtype ?? 'float64';
  const bound = accurateUlpBound(boundInput(exact, e));
  const ulps = ulpDistance(actual, roundTo(dtype)(exact), dtype);
  return ulps <= bound
    ? undefined
    : `${e.label ?? ''} ${actual} vs exact ${exact}: ${ulps} ULPs > TOL-ACC bound ${bound}`;
}

/** Why `actual` is beyond TOL-ACC's absolute bound `β·u·M + η` (plus the final rounding), or undefined. */
export function accurateAbsoluteViolation(actual: number, exact: number, e: AccurateExpectation): string | undefined {
  const dtype = e.dtype ?? 'float64';
  const expected = roundTo(dtype)(exact);
  const bound = accurateAbsoluteBound(boundInput(exact, e)) + ulpOf(expected, dtype);
  const error = Math.abs(actual - expected);
  return error <= bound ? undefined : `${e.label ?? ''} ${actual} vs exact ${exact}: ${error} > TOL-ACC bound ${bound}`;
}

/** `actual` is within the accurate algorithm's bound (TOL-ACC) of the exact value. */
export function expectWithinAccurateBound(actual: number, exact: number, e: AccurateExpectation): void {
  expect(accurateBoundViolation(actual, exact, e)).toBeUndefined();
}

/** TOL-ACC's M and z of one output value of a case, as src/verdict's analysis derives them for the judgement. */
export function analysedExpectation(json: CaseJson, index: number, output: OutputName = 'loss'): AccurateExpectation {
  const c = valid(json);
  const { m, z } = analyzeCase(c)[output]![index]!;
  return { dtype: c.dtype, loss: c.loss, output, magnitude: m, underflow: z };
}
