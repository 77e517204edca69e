/**
 * The interface the reference loss evaluation is written against, once, for every engine
 * (spec/reference-engine.md#REF-1).
 *
 * A value of type `I` is an *enclosure*: an interval [lo, hi] that contains the exact real value
 * of the expression that produced it. Every operation returns an enclosure of the exact result
 * of the operation on every point of its operands' enclosures, so by induction the final value
 * encloses the exact loss (REF-1). Enclosures are immutable and live only inside the
 * `ReferenceEngine.run` call that made them.
 */
import type { Dtype } from '../case/types.js';

export type Sign = -1 | 0 | 1;

/** Interval arithmetic at one working precision (REF-3, REF-4). */
export interface IntervalArithmetic<I> {
  /** The working precision in bits (decimal engines: the equivalent digit count). */
  readonly bits: number;
  /** The double's exact value, a point enclosure (REF-2). −0 is 0; NaN and ±∞ throw. */
  fromDouble(x: number): I;
  /** An enclosure of numerator/denominator, e.g. ε/K or a class count (REF-2). */
  fromRational(numerator: bigint, denominator: bigint): I;
  add(a: I, b: I): I;
  sub(a: I, b: I): I;
  mul(a: I, b: I): I;
  /** Throws NeedMorePrecision when b's enclosure contains 0 but is not [0, 0]; RangeError on [0, 0]. */
  div(a: I, b: I): I;
  neg(a: I): I;
  /** e^a; arguments below −2^28 give [0, e^−2^28], above 2^28 [e^2^28, +∞] (REF-4). */
  exp(a: I): I;
  /** ln a; NeedMorePrecision when a's enclosure reaches 0 from above, RangeError when a ≤ 0. */
  log(a: I): I;
  /** ln(1 + a), accurate for tiny a; same domain rules as `log` around −1. */
  log1p(a: I): I;
  /** tanh a, with relative accuracy near 0 (spec/losses.md#CAP-1, REF-4). */
  tanh(a: I): I;
  max(a: I, b: I): I;
  /** The sign every point of `a` has, or undefined when the enclosure does not decide it. */
  sign(a: I): Sign | undefined;
  /** The certain sign, or throws NeedMorePrecision so that the Ziv loop raises precision. */
  definiteSign(a: I): Sign;
  /** The dtype value every point of `a` rounds to (DT-3), or undefined (REF-5, REF-6). */
  round(a: I, dtype: Dtype): number | undefined;
  /** The ends as decimal strings of `digits` significant digits, rounded outward. */
  bounds(a: I, digits: number): { lo: string; hi: string };
}

/** A body evaluated at one precision; generic so that enclosures cannot leave the scope. */
export type PrecisionBody<T> = <I>(arith: IntervalArithmetic<I>) => T;

/**
 * An arbitrary-precision engine: decimal.js or MPFR (REF-8), the fixed-precision double-double
 * engine (REF-12), or a cascade of the fast engine and a slow one (REF-13).
 */
export interface ReferenceEngine {
  readonly name: 'decimal' | 'mpfr' | 'fast' | 'cascade';
  /** Lowest and highest working precision the engine accepts, in bits. */
  readonly minBits: number;
  readonly maxBits: number;
  /** Where a Ziv loop starts unless told otherwise (REF-7); DEFAULT_START_BITS when absent. */
  readonly startBits?: number;
  /** Runs `body` with interval arithmetic at `bits` bits, releasing its values afterwards. */
  run<T>(bits: number, body: PrecisionBody<T>): T;
  /** Releases everything the engine holds; the engine is unusable afterwards. */
  dispose(): void;
}

/**
 * Thrown when an enclosure is too wide to decide something (a sign, a domain, a divisor): the
 * Ziv loop catches it and retries at a higher precision (REF-7).
 */
export class NeedMorePrecision extends Error {
  constructor(what: string) {
    super(`${what} is not decided at this precision`);
    this.name = 'NeedMorePrecision';
  }
}

/** Rejects a precision outside an engine's range (a programming error, not a Ziv retry). */
export function checkBits(bits: number, min: number, max: number): void {
  if (!Number.isInteger(bits) || bits < min || bits > max) {
    throw new RangeError(`precision ${bits} bits is outside [${min}, ${max}]`);
  }
}
