/**
 * Relations between answers of one implementation (spec/tolerance.md#TOL-REL): how far each
 * answer may be from its exact value at a level, and whether a relation the exact values satisfy
 * holds for the answers within those distances.
 */
import { ulpOf } from '../numeric/ulp.js';
import { levelAllowance, type LevelName, type ValueContext } from './levels.js';

/** binary64's unit roundoff: relations are evaluated in binary64. */
const U = 2 ** -53;
/**
 * What a product or quotient may lose in gradual underflow, 2^-1075, rounded up to binary64's
 * smallest subnormal: 2^-1075 itself is not a double (it rounds to 0).
 */
const UNDERFLOW = 2 ** -1074;

/**
 * TOL-REL.1: the largest |ŷ − y| of a finite answer ŷ that passes the level against
 * RN(y) = `expected`: the level's allowance, plus |RN(y) − y| ≤ ulp(RN(y))/2.
 */
export function distanceFromExact(level: LevelName, expected: number, actual: number, ctx: ValueContext): number {
  return levelAllowance(level, expected, actual, ctx) + ulpOf(expected, ctx.dtype) / 2;
}

/** One side of a relation: α·ŷ, with ŷ at most `distance` from its exact value. */
export interface RelationTerm {
  /** α, formed in binary64 with at most `roundings` rounding errors (default 1). */
  readonly coefficient: number;
  readonly value: number;
  /** TOL-REL.1's distance of the value from its exact value. */
  readonly distance: number;
  readonly roundings?: number;
}

export interface RelationOptions {
  /** c of Σ α·y = c (or ≥ c). @defaultValue 0 */
  readonly constant?: number;
  /** A derived bound on how far the exact sides may differ (TOL-REL.2). @defaultValue 0 */
  readonly slack?: number;
  /** Σ α·y ≥ c instead of =. @defaultValue false */
  readonly inequality?: boolean;
}

export interface RelationOutcome {
  readonly holds: boolean;
  /** Σ α·ŷ − c, evaluated in binary64. */
  readonly residual: number;
  /** What TOL-REL.2 allows the residual. */
  readonly allowed: number;
}

/**
 * TOL-REL.2: Σ α_i·y_i = c (or ≥ c) for the exact values, checked on the answers. Allowed:
 * Σ |α_i|·t_i for the answers, the slack, and the binary64 evaluation of the relation —
 * α_i's own roundings, n products and n sums, each u relative (Higham's γ, first order) and
 * 2^-1075 absolute (gradual underflow), allowed as 2^-1074.
 */
export function linearRelation(terms: readonly RelationTerm[], options: RelationOptions = {}): RelationOutcome {
  const constant = options.constant ?? 0;
  let residual = -constant;
  let spread = Math.abs(constant);
  let distances = 0;
  let roundings = 0;
  for (const t of terms) {
    if (t.coefficient === 0) continue; // no term: 0·ŷ adds nothing, whatever ŷ's distance
    residual += t.coefficient * t.value;
    spread += Math.abs(t.coefficient * t.value);
    distances += Math.abs(t.coefficient) * t.distance;
    roundings = Math.max(roundings, t.roundings ?? 1);
  }
  // Each rounded operation is u relative and, in the subnormal range, 2^-1075 absolute (UNDERFLOW).
  const evaluation = (terms.length + 1 + roundings) * (U * spread + UNDERFLOW);
  const allowed = distances + (options.slack ?? 0) + evaluation;
  const holds = options.inequality ? residual >= -allowed : Math.abs(residual) <= allowed;
  return { holds, residual, allowed };
}
