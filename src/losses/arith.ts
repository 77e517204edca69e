/**
 * The arithmetic the semantic drivers compute in. The built-in implementations use doubles
 * rounded into a working precision after every operation; the reference uses enclosures of the
 * exact values. Writing the drivers once against this interface keeps one statement of
 * spec/losses.md's structure for both.
 */
import type { Rounder } from '../numeric/rounder.js';

export interface Arith<T> {
  /** A double of the case (an input or a constant), exactly. */
  of(x: number): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  /** IEEE meaning at 0: `x/0` is ±∞, `0/0` NaN. */
  div(a: T, b: T): T;
  neg(a: T): T;
  /** The larger, NaN when either is NaN (BCE's clamps, PRO-4). */
  max(a: T, b: T): T;
  /** True when the value is exactly 0 (RED-4 needs to know D = 0). */
  isZero(a: T): boolean;
  /** −1, 0 or 1 (NaN for NaN): IEEE special values depend on signs (PRO-11). */
  sign(a: T): number;
  /**
   * `a·b` exactly, as `hi + lo` (TwoProduct), where the arithmetic has it (`accurate`): then the
   * coefficients of a position are also offered exactly (exactCoefficients.ts, TOL-ACC.1).
   */
  twoProduct?(a: T, b: T): [T, T];
}

/** Doubles rounded after every operation: the arithmetic of the built-in implementations. */
export function roundedArith(round: Rounder): Arith<number> {
  return {
    of: (x) => x,
    add: (a, b) => round.round(a + b),
    sub: (a, b) => round.round(a - b),
    mul: (a, b) => round.round(a * b),
    div: (a, b) => round.round(a / b),
    neg: (a) => -a,
    max: Math.max, // NaN when either is (ECMAScript), as every driver needs
    isZero: (a) => a === 0,
    sign: Math.sign,
  };
}
