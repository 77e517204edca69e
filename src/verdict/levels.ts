/**
 * The conformance levels (spec/tolerance.md#TOL-LEVEL): whether one output value of an
 * implementation conforms, and by how much it misses.
 */
import type { Dtype, LossName, OutputName } from '../case/types.js';
import { FORMATS } from '../numeric/dtype.js';
import { dtypeError, ulpOf } from '../numeric/ulp.js';
import { accurateAbsoluteBound, accurateUlpBound } from './accurateBound.js';
import type { Analyzed } from './analysis.js';
import { valueFailureKind, type FailureKind } from './kinds.js';
import { FRAMEWORK_TOLERANCE } from './tolerances.js';

export type LevelName = 'exact' | 'accurate' | 'stable' | 'opmath' | 'framework';
export const LEVELS: readonly LevelName[] = ['exact', 'accurate', 'stable', 'opmath', 'framework'];

/** What `check` judges at without `--level` (TOL-LEVEL.7). */
export const DEFAULT_LEVEL: LevelName = 'opmath';

/** TOL-LEVEL.5's constant C_s. */
export const STABLE_FACTOR = 4;

export interface ValueContext {
  readonly dtype: Dtype;
  readonly loss: LossName;
  readonly output: OutputName;
  /** The analysis of this value (TOL-RUN, TOL-MAG), in the type `opmath` when it is given. */
  readonly analysis: Analyzed;
  /** TOL-LEVEL.7: the type the case is computed in and `analysis` was made for; the dtype when absent. */
  readonly opmath?: Dtype | undefined;
  /** n of TOL-ACC / TOL-LEVEL.5: the row length (class count; 1 for the binary losses). */
  readonly rowLength: number;
}

export interface ValueVerdict {
  readonly pass: boolean;
  readonly ulps: number;
  readonly bits: number;
  /** Why it fails, in words, when it does. */
  readonly reason?: string;
  /** What kind of failure it is, when it fails (REP-7). */
  readonly kind?: FailureKind;
}

/** TOL-LEVEL.5: the absolute error a backward-stable algorithm can make on this value. */
export function stableTolerance(ctx: ValueContext): number {
  const { unitRoundoff, minSubnormal } = FORMATS[ctx.dtype];
  const bound = STABLE_FACTOR * (unitRoundoff * ctx.analysis.e + ctx.rowLength * minSubnormal);
  // Where binary64 estimates of the bound overflow (logits near the dtype's limits) the level
  // cannot be finite; TOL-LEVEL.2 still judges non-finite answers.
  return Number.isNaN(bound) ? Infinity : bound;
}

function accurateInput(expected: number, ctx: ValueContext) {
  return {
    dtype: ctx.dtype,
    loss: ctx.loss,
    output: ctx.output,
    exact: expected,
    magnitude: ctx.analysis.m,
    underflow: ctx.analysis.z,
  };
}

/**
 * The largest |ŷ − RN(y)| the level accepts for a finite value (TOL-LEVEL.3..6; TOL-REL.1 uses
 * it for relations): `accurate`'s ⌈(β·u·M + η)/ulp⌉ + 1 ULPs span at most β·u·M + η plus two
 * of the wider spacing of `expected` and `actual` (a distance in ULPs may cross a binade).
 */
export function levelAllowance(level: LevelName, expected: number, actual: number, ctx: ValueContext): number {
  switch (level) {
    case 'exact':
      return 0;
    case 'accurate':
      return (
        accurateAbsoluteBound(accurateInput(expected, ctx)) +
        2 * Math.max(ulpOf(expected, ctx.dtype), ulpOf(actual, ctx.dtype))
      );
    case 'stable':
      return stableTolerance(ctx) + ulpOf(expected, ctx.dtype) / 2;
    case 'opmath':
      // TOL-OPMATH.1: stable in the opmath type, then one rounding into the dtype.
      if (ctx.opmath === undefined || ctx.opmath === ctx.dtype) return levelAllowance('stable', expected, actual, ctx);
      return (
        stableTolerance({ ...ctx, dtype: ctx.opmath }) + Math.max(ulpOf(expected, ctx.dtype), ulpOf(actual, ctx.dtype))
      );
    case 'framework': {
      const { rtol, atol } = FRAMEWORK_TOLERANCE[ctx.dtype];
      return atol + rtol * Math.abs(expected);
    }
  }
}

function withinLevel(level: LevelName, actual: number, expected: number, ulps: number, ctx: ValueContext): boolean {
  if (level === 'accurate') return ulps <= accurateUlpBound(accurateInput(expected, ctx));
  return Math.abs(actual - expected) <= levelAllowance(level, expected, actual, ctx);
}

/** Judge one value against the reference's RN(y) (TOL-LEVEL.1..6). */
export function judgeValue(level: LevelName, returned: number, expected: number, ctx: ValueContext): ValueVerdict {
  const { actual, ulps, bits } = dtypeError(returned, expected, ctx.dtype); // TOL-LEVEL.1
  const verdict = { ulps, bits };
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) {
    const same = Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected));
    if (same) return { ...verdict, pass: true };
    return {
      ...verdict,
      pass: false,
      kind: valueFailureKind(actual, expected),
      reason: Number.isFinite(expected)
        ? `${actual} where the exact value is finite`
        : `${actual} where the profile gives ${expected}`,
    };
  }
  if (ulps === 0 || withinLevel(level, actual, expected, ulps, ctx)) return { ...verdict, pass: true };
  return {
    ...verdict,
    pass: false,
    kind: 'beyond-level',
    reason: `${ulps} ULPs (${verdict.bits.toFixed(1)} bits) from the exact value, beyond the ${level} level`,
  };
}
