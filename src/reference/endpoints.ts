/**
 * What an engine supplies to the generic interval layer (interval.ts): arithmetic on exact
 * endpoint values with directed rounding that reports exactness, and enclosures of the
 * transcendental functions at a point (spec/reference-engine.md#REF-3, REF-4).
 */
import type { Dtype } from '../case/types.js';

/** Rounding direction of one endpoint operation: toward −∞ or toward +∞. */
export type Direction = -1 | 1;
export const DOWN: Direction = -1;
export const UP: Direction = 1;

/** How an exact tie between two dtype values is broken: to even, toward +∞ or toward −∞. */
export type Tie = 'even' | 'up' | 'down';

/** A directed result and whether it is the exact result (no rounding happened). */
export interface Rounded<E> {
  readonly value: E;
  readonly exact: boolean;
}

/**
 * An enclosure of one real number v: lo ≤ v ≤ hi, and lo < v when `loOpen`, v < hi when
 * `hiOpen` (REF-1). The open flags let a value just above an exact rounding midpoint (a midpoint
 * plus e^−300000, say) be rounded at modest precision (REF-5). lo and hi may be one object.
 */
export interface Enclosure<E> {
  readonly lo: E;
  readonly hi: E;
  readonly loOpen: boolean;
  readonly hiOpen: boolean;
}

/** Endpoint arithmetic of one engine at one precision. Endpoints are never mutated. */
export interface EndpointArithmetic<E> {
  readonly bits: number;
  /** The double's exact value. */
  exact(x: number): E;
  /** The integer rounded in the direction (exact when it fits the precision). */
  integer(n: bigint, direction: Direction): Rounded<E>;
  infinity(sign: -1 | 1): E;
  /** The operation's exact result rounded in the direction: an upper or a lower bound. */
  add(a: E, b: E, direction: Direction): Rounded<E>;
  sub(a: E, b: E, direction: Direction): Rounded<E>;
  mul(a: E, b: E, direction: Direction): Rounded<E>;
  div(a: E, b: E, direction: Direction): Rounded<E>;
  /** −a, exactly. */
  neg(a: E): E;
  /** Enclosures of f(x) for an exact endpoint x in the function's domain. */
  exp(x: E): Enclosure<E>;
  log(x: E): Enclosure<E>;
  log1p(x: E): Enclosure<E>;
  /** Exact comparisons: negative, zero or positive. */
  compare(a: E, b: E): number;
  sign(a: E): number;
  /** The exact endpoint value rounded to nearest into the dtype (DT-3), ties broken as `tie` says. */
  round(a: E, dtype: Dtype, tie: Tie): number;
  /** The value rounded in the direction to `digits` significant decimal digits. */
  toDecimal(a: E, digits: number, direction: Direction): string;
}
