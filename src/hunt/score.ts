/**
 * The hunt's objective (spec/formats.md#CHK-7.1): how badly an implementation errs on a case,
 * in bits of the magnitude of each value's terms (TOL-MAG), so that the cancellation a problem
 * has by itself is not counted against the implementation.
 */
import type { CheckContext } from '../../properties/families/family.js';
import { ImplementationFault } from '../case/errors.js';
import type { CaseResult, Dtype, OutputName } from '../case/types.js';
import { FORMATS, roundTo } from '../numeric/dtype.js';
import { ulpOf } from '../numeric/ulp.js';
import { analyzeCase } from '../verdict/analysis.js';
import { compareCase } from '../verdict/compare.js';
import type { CaseJson } from './genome.js';
import { runCase } from '../adapters/runCase.js';

/** The worst thing about a case: a value (with TOL-1 ULPs and TOL-2 bits), or a failure to answer. */
export interface Worst {
  readonly score: number;
  /** The highest score an answer can have: the dtype's width (a search stops there). */
  readonly width: number;
  readonly message: string;
  readonly output?: OutputName;
  readonly index?: number;
  readonly actual?: number;
  readonly expected?: number;
  readonly ulps?: number;
  readonly bits?: number;
}

export interface Scored<I = CaseJson> {
  readonly input: I;
  readonly worst: Worst;
}

/** CHK-7.1: log2(1 + |ŷ − RN(y)| / ulp(M)); a non-finite answer to a finite value is the width. */
export function magnitudeBits(returned: number, expected: number, magnitude: number, dtype: Dtype): number {
  const { width, maxFinite } = FORMATS[dtype];
  const actual = roundTo(dtype)(returned);
  if (!Number.isFinite(expected))
    return Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected)) ? 0 : width;
  if (!Number.isFinite(actual)) return width;
  // M ≥ |y| in exact arithmetic; its binary64 estimate may fall short, or overflow.
  const scale = Math.min(
    Number.isNaN(magnitude) ? Math.abs(expected) : Math.max(magnitude, Math.abs(expected)),
    maxFinite,
  );
  return Math.min(width, Math.log2(1 + Math.abs(actual - expected) / ulpOf(scale, dtype)));
}

/** Score a case; undefined when it is not a valid case the reference certifies and the implementation supports. */
export async function scoreCase(json: CaseJson, ctx: CheckContext): Promise<Scored | undefined> {
  const expected = await ctx.expect(json);
  if (expected.kind !== 'values') return undefined;
  const width = FORMATS[expected.case.dtype].width;
  let result: CaseResult;
  try {
    result = await runCase(ctx.impl, json);
  } catch (e) {
    // No answer is as bad as an answer can be (CHK-7.1).
    if (e instanceof ImplementationFault)
      return { input: json, worst: { score: width, width, message: `${e.kind}: ${e.message}` } };
    throw e;
  }
  if ('unsupported' in result) return undefined;
  if ('error' in result)
    return { input: json, worst: { score: width, width, message: `rejected a valid case: ${result.error}` } };
  const comparison = compareCase(expected.case, result, expected.values, ctx.level);
  if (comparison.shapeProblem) return { input: json, worst: { score: width, width, message: comparison.shapeProblem } };
  const analysis = analyzeCase(expected.case);
  let worst: Worst = { score: 0, width, message: 'every value is correctly rounded' };
  for (const v of comparison.values) {
    const score = magnitudeBits(v.actual, v.expected, analysis[v.output]![v.index]!.m, expected.case.dtype);
    if (score <= worst.score) continue;
    const { output, index, actual, expected: want, ulps, bits } = v;
    worst = {
      score,
      width,
      output,
      index,
      actual,
      expected: want,
      ulps,
      bits,
      message: `${output}[${index}] = ${actual}, expected ${want}`,
    };
  }
  return { input: json, worst };
}
