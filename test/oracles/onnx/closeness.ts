/**
 * How ORT's outputs are judged in these tests, with the levels of spec/tolerance.md only (no
 * tolerance of their own): float64 against the certified reference under `stable`
 * (TOL-LEVEL.5: what a backward-stable algorithm guarantees at that input, which ORT's graphs
 * are), narrower dtypes under TOL-FW (TOL-LEVEL.6) against hand values rounded into the dtype.
 */
import { afterAll, expect } from 'vitest';
import type { Dtype, LossCase, LossValues } from '../../../src/case/types.js';
import { validateCase } from '../../../src/case/validate.js';
import { roundTo } from '../../../src/numeric/dtype.js';
import type { ReferenceEngine } from '../../../src/reference/arithmetic.js';
import { createMpfrEngine } from '../../../src/reference/mpfrEngine.js';
import { evaluateReference } from '../../../src/reference/reference.js';
import { compareCase, type CaseComparison } from '../../../src/verdict/compare.js';
import type { LevelName } from '../../../src/verdict/levels.js';
import { frameworkClose } from '../../../src/verdict/tolerances.js';

// npm test runs files with isolate: false: a later file in the same worker finds this module as
// the first left it, hook included, so a disposed engine is forgotten and the next one made anew.
let engine: Promise<ReferenceEngine> | undefined;
afterAll(async () => {
  const disposed = engine;
  engine = undefined;
  (await disposed)?.dispose();
});

/** The outputs `values` has that the case asks for, against the certified reference under a level (TOL-LEVEL). */
export async function judge(c: LossCase, values: LossValues, level: LevelName): Promise<CaseComparison> {
  const valid = validateCase(c);
  engine ??= createMpfrEngine();
  return compareCase(valid, values, evaluateReference(valid, await engine).values, level);
}

/** Every value within `level` (default `stable`, TOL-LEVEL.5) of the certified reference. */
export async function expectLevel(c: LossCase, values: LossValues, level: LevelName = 'stable'): Promise<void> {
  const comparison = await judge(c, values, level);
  expect(comparison.shapeProblem).toBeUndefined();
  const worst = comparison.values[0];
  expect(
    comparison.pass,
    worst && `${c.id} ${worst.output}[${worst.index}]: ${worst.actual} vs ${worst.expected}, ${worst.reason}`,
  ).toBe(true);
}

/** Hand-computed float64 numbers as the outputs of a case. */
export const handValues = (loss: readonly number[], logProb?: readonly number[]): LossValues => ({
  loss: Float64Array.from(loss),
  logProb: logProb && Float64Array.from(logProb),
});

/** Narrower dtypes: TOL-FW (framework closeness) against the hand value rounded into the dtype. */
export function expectFrameworkClose(actual: ArrayLike<number>, expected: readonly number[], dtype: Dtype): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    const rounded = roundTo(dtype)(e);
    expect(frameworkClose(actual[i]!, rounded, dtype), `[${i}] ${actual[i]} vs ${rounded} (${dtype})`).toBe(true);
  });
}
