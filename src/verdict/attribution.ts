/**
 * Whose a failure is (spec/tolerance.md#TOL-ATTR): the implementation's, when its error exceeds
 * what the input's conditioning explains, or the level's, when a level stricter than what a
 * backward-stable algorithm achieves rejects an error the conditioning alone explains.
 */
import { FORMATS } from '../numeric/dtype.js';
import { bitsOfError, ulpOf } from '../numeric/ulp.js';
import { levelAllowance, type LevelName, type ValueContext } from './levels.js';

export type Cause = 'implementation' | 'conditioning';

export interface Attribution {
  readonly cause: Cause;
  /** TOL-2's bits of the value's error. */
  readonly errorBits: number;
  /** The level's allowance for this value, in bits of RN(y)'s ulp. */
  readonly levelBits: number;
  /** What the conditioning explains (TOL-ATTR), in the same bits. */
  readonly conditioningBits: number;
  /** The attribution in one sentence, for every report. */
  readonly text: string;
}

/** An allowance as bits of error (TOL-2): log2(1 + allowance / ulp(RN(y))). */
const allowanceBits = (allowance: number, expected: number, ctx: ValueContext): number =>
  bitsOfError(allowance / ulpOf(expected, ctx.dtype));

/** κ·u_d·|RN(y)| of a loss value whose κ is estimated (TOL-4: what rounding the inputs alone causes), else 0. */
function inputsAllowance(expected: number, kappa: number, ctx: ValueContext): number {
  // κ is NaN where TOL-4 does not estimate it (linear CE): then `s` alone judges, as for a gradient.
  const estimated = ctx.output === 'loss' && !Number.isNaN(kappa);
  return estimated ? kappa * FORMATS[ctx.dtype].unitRoundoff * Math.abs(expected) : 0;
}

/**
 * TOL-ATTR: the error the conditioning explains — the stable level's allowance `s` (TOL-LEVEL.5,
 * what a backward-stable algorithm makes here) or, for a loss value, κ·u_d·|RN(y)| (what rounding
 * the inputs alone causes, TOL-4), whichever is larger.
 */
export function conditioningAllowance(expected: number, actual: number, kappa: number, ctx: ValueContext): number {
  return Math.max(levelAllowance('stable', expected, actual, ctx), inputsAllowance(expected, kappa, ctx));
}

/** κ as reports print it: three significant digits (TOL-4's CONDITION_DIGITS). */
export const formatCondition = (kappa: number): string =>
  kappa === 0 ? '0' : kappa >= 1e4 || kappa < 1e-3 ? kappa.toExponential(2) : String(Number(kappa.toPrecision(3)));

/** Attribute a failing value (TOL-ATTR); a non-finite answer to a finite value is always the implementation's. */
export function attribute(
  level: LevelName,
  actual: number,
  expected: number,
  errorBits: number,
  kappa: number,
  ctx: ValueContext,
): Attribution {
  const finite = Number.isFinite(actual) && Number.isFinite(expected);
  const levelBits = finite ? allowanceBits(levelAllowance(level, expected, actual, ctx), expected, ctx) : 0;
  const explained = finite ? conditioningAllowance(expected, actual, kappa, ctx) : 0;
  // Ill-conditioned only where κ's share explains more than `s`: κ = 0 is perfect conditioning.
  const illConditioned =
    finite && inputsAllowance(expected, kappa, ctx) > levelAllowance('stable', expected, actual, ctx);
  const conditioningBits = finite ? allowanceBits(explained, expected, ctx) : 0;
  const cause: Cause = finite && Math.abs(actual - expected) <= explained ? 'conditioning' : 'implementation';
  const k = Number.isNaN(kappa) ? 'κ not estimated' : `κ = ${formatCondition(kappa)}`;
  const bits = (b: number) => b.toFixed(1);
  const text =
    cause === 'implementation'
      ? finite
        ? `implementation: ${bits(errorBits)} bits lost where the ${level} level allows ${bits(levelBits)} for ${k}`
        : `implementation: ${actual} where the exact value is finite, whatever the conditioning (${k})`
      : `${illConditioned ? `the input is ill-conditioned (${k})` : `the value's terms cancel (${k}; TOL-LEVEL.5's μ)`}: a backward-stable algorithm may lose ${bits(conditioningBits)} bits here, the ${level} level allows ${bits(levelBits)}; ${bits(errorBits)} lost`;
  return { cause, errorBits, levelBits, conditioningBits, text };
}
