/**
 * The interval layer, written once over any engine's endpoint arithmetic
 * (spec/reference-engine.md#REF-1, REF-3, REF-4): lower ends are rounded toward −∞, upper ends
 * toward +∞, monotone functions map ends to ends, and each end records whether the value is
 * strictly inside it, so every result encloses the exact value.
 */
import type { Dtype } from '../case/types.js';
import { NeedMorePrecision, type IntervalArithmetic, type Sign } from './arithmetic.js';
import { DOWN, UP, type Direction, type Enclosure, type EndpointArithmetic, type Rounded } from './endpoints.js';
import { divide, multiply, negate, negative, positive } from './intervalProducts.js';
import { roundEnclosureWith } from './rounding.js';

/** exp arguments beyond ±2^28 are clamped (REF-4): e^−2^28 ≈ 1e−116580038 underflows every dtype. */
const EXP_ARGUMENT_LIMIT = 2 ** 28;

function closedPoint<E>(value: E): Enclosure<E> {
  return { lo: value, hi: value, loOpen: false, hiOpen: false };
}

/** The enclosure [lo, hi] of two directed results; an inexact one is strictly beside the value. */
function fromRounded<E>(lo: Rounded<E>, hi: Rounded<E>, loOpen: boolean, hiOpen: boolean): Enclosure<E> {
  return { lo: lo.value, hi: hi.value, loOpen: loOpen || !lo.exact, hiOpen: hiOpen || !hi.exact };
}

export class EnclosureArithmetic<E> implements IntervalArithmetic<Enclosure<E>> {
  readonly bits: number;
  private readonly zero: E;
  private readonly minusOne: E;
  private readonly expFloor: E;
  private readonly expCeiling: E;

  constructor(private readonly ends: EndpointArithmetic<E>) {
    this.bits = ends.bits;
    this.zero = ends.exact(0);
    this.minusOne = ends.exact(-1);
    this.expFloor = ends.exact(-EXP_ARGUMENT_LIMIT);
    this.expCeiling = ends.exact(EXP_ARGUMENT_LIMIT);
  }

  fromDouble(x: number): Enclosure<E> {
    if (!Number.isFinite(x)) throw new RangeError(`fromDouble: ${x} is not finite`);
    return closedPoint(this.ends.exact(x));
  }

  fromRational(numerator: bigint, denominator: bigint): Enclosure<E> {
    if (denominator === 0n) throw new RangeError('fromRational: zero denominator');
    const integer = (n: bigint): Enclosure<E> =>
      fromRounded(this.ends.integer(n, DOWN), this.ends.integer(n, UP), false, false);
    return this.div(integer(numerator), integer(denominator));
  }

  add(a: Enclosure<E>, b: Enclosure<E>): Enclosure<E> {
    const lo = this.ends.add(a.lo, b.lo, DOWN);
    if (lo.exact && a.lo === a.hi && b.lo === b.hi) return closedPoint(lo.value);
    return fromRounded(lo, this.ends.add(a.hi, b.hi, UP), a.loOpen || b.loOpen, a.hiOpen || b.hiOpen);
  }

  /** An exact difference of points stays a point: e^(x_j − m) then needs one evaluation. */
  sub(a: Enclosure<E>, b: Enclosure<E>): Enclosure<E> {
    const lo = this.ends.sub(a.lo, b.hi, DOWN);
    if (lo.exact && a.lo === a.hi && b.lo === b.hi) return closedPoint(lo.value);
    return fromRounded(lo, this.ends.sub(a.hi, b.lo, UP), a.loOpen || b.hiOpen, a.hiOpen || b.loOpen);
  }

  neg(a: Enclosure<E>): Enclosure<E> {
    return negate(this.ends, a);
  }

  mul(a: Enclosure<E>, b: Enclosure<E>): Enclosure<E> {
    return multiply(this.ends, a, b);
  }

  div(a: Enclosure<E>, b: Enclosure<E>): Enclosure<E> {
    return divide(this.ends, a, b);
  }

  /** e^x is in (0, e^−2^28) for x < −2^28 and beyond e^2^28 for x > 2^28 (REF-4). */
  exp(a: Enclosure<E>): Enclosure<E> {
    const { ends } = this;
    const belowFloor = ends.compare(a.lo, this.expFloor) < 0;
    const aboveCeiling = ends.compare(a.hi, this.expCeiling) > 0;
    if (!belowFloor && !aboveCeiling) return this.increasing(a, (x) => ends.exp(x));
    const hiClamped = ends.compare(a.hi, this.expFloor) < 0;
    const loClamped = ends.compare(a.lo, this.expCeiling) > 0;
    const upper = aboveCeiling ? undefined : ends.exp(hiClamped ? this.expFloor : a.hi);
    const lower = belowFloor ? undefined : ends.exp(loClamped ? this.expCeiling : a.lo);
    return {
      lo: lower?.lo ?? this.zero,
      hi: upper?.hi ?? ends.infinity(1),
      loOpen: lower === undefined || loClamped || a.loOpen || lower.loOpen,
      hiOpen: upper === undefined || hiClamped || a.hiOpen || upper.hiOpen,
    };
  }

  log(a: Enclosure<E>): Enclosure<E> {
    this.requireAbove(a, this.zero, 'log');
    return this.increasing(a, (x) => this.ends.log(x));
  }

  log1p(a: Enclosure<E>): Enclosure<E> {
    this.requireAbove(a, this.minusOne, 'log1p');
    return this.increasing(a, (x) => this.ends.log1p(x));
  }

  /** tanh is odd and increasing: each end from an enclosure of tanh at that end (tanhAt). */
  tanh(a: Enclosure<E>): Enclosure<E> {
    return this.increasing(a, (x) => {
      const sign = this.ends.sign(x);
      if (sign === 0) return closedPoint(x);
      return sign > 0 ? this.tanhAt(x) : negate(this.ends, this.tanhAt(this.ends.neg(x)));
    });
  }

  /**
   * tanh y for an exact y > 0. Near 0, where 1 − e^{−2y} would cancel, the alternating series:
   * y − y³/3 ≤ tanh y ≤ y − y³/3 + 2y⁵/15 (0 < y < 1, terms decreasing), used below 2^(−bits/4)
   * where the bracket is narrower than the precision. Elsewhere (1 − e)/(1 + e) with
   * e = e^{−2y}, decreasing in e: the upper end of e gives the lower end of tanh.
   */
  private tanhAt(y: E): Enclosure<E> {
    const { ends } = this;
    if (ends.compare(y, ends.exact(2 ** -Math.ceil(this.bits / 4))) < 0) {
      const cube = (d: Direction) => ends.mul(ends.mul(y, y, d).value, y, d).value;
      const third = (d: Direction) => ends.div(cube(d), ends.exact(3), d).value;
      const lo = ends.sub(y, third(UP), DOWN).value;
      const fifth = ends.mul(cube(UP), ends.mul(y, y, UP).value, UP).value;
      const tail = ends.div(ends.mul(fifth, ends.exact(2), UP).value, ends.exact(15), UP).value;
      const hi = ends.add(ends.sub(y, third(DOWN), UP).value, tail, UP).value;
      return { lo, hi, loOpen: true, hiOpen: true };
    }
    const twice = ends.mul(y, ends.exact(-2), DOWN).value; // exact: a power of two
    const e = this.exp(closedPoint(twice));
    const one = ends.exact(1);
    const quotient = (eEnd: E, d: Direction) =>
      ends.div(ends.sub(one, eEnd, d).value, ends.add(one, eEnd, -d as Direction).value, d).value;
    return { lo: quotient(e.hi, DOWN), hi: quotient(e.lo, UP), loOpen: true, hiOpen: true };
  }

  /** The larger lower end is strict if its own value is; the upper end only if both values are below it. */
  max(a: Enclosure<E>, b: Enclosure<E>): Enclosure<E> {
    const [low, high] = [this.ends.compare(a.lo, b.lo), this.ends.compare(a.hi, b.hi)];
    return {
      lo: low >= 0 ? a.lo : b.lo,
      hi: high >= 0 ? a.hi : b.hi,
      loOpen: low > 0 ? a.loOpen : low < 0 ? b.loOpen : a.loOpen || b.loOpen,
      hiOpen: high > 0 ? a.hiOpen : high < 0 ? b.hiOpen : a.hiOpen && b.hiOpen,
    };
  }

  sign(a: Enclosure<E>): Sign | undefined {
    if (positive(this.ends, a)) return 1;
    if (negative(this.ends, a)) return -1;
    return this.ends.sign(a.lo) === 0 && this.ends.sign(a.hi) === 0 ? 0 : undefined;
  }

  definiteSign(a: Enclosure<E>): Sign {
    const sign = this.sign(a);
    if (sign === undefined) throw new NeedMorePrecision('a sign');
    return sign;
  }

  round(a: Enclosure<E>, dtype: Dtype): number | undefined {
    const { ends } = this;
    return roundEnclosureWith(
      a,
      (end, tie) => ends.round(end, dtype, tie),
      (end) => ends.sign(end),
    );
  }

  bounds(a: Enclosure<E>, digits: number): { lo: string; hi: string } {
    return { lo: this.ends.toDecimal(a.lo, digits, DOWN), hi: this.ends.toDecimal(a.hi, digits, UP) };
  }

  /** f strictly increasing: a point needs one enclosure; an open argument end gives an open result end. */
  private increasing(a: Enclosure<E>, f: (x: E) => Enclosure<E>): Enclosure<E> {
    if (a.lo === a.hi || this.ends.compare(a.lo, a.hi) === 0) return f(a.lo);
    const [lower, upper] = [f(a.lo), f(a.hi)];
    return { lo: lower.lo, hi: upper.hi, loOpen: a.loOpen || lower.loOpen, hiOpen: a.hiOpen || upper.hiOpen };
  }

  /** Domain check for a function defined on (limit, ∞): certainly outside, or not yet decided. */
  private requireAbove(a: Enclosure<E>, limit: E, name: string): void {
    if (this.ends.compare(a.hi, limit) <= 0) throw new RangeError(`${name}: argument outside the domain`);
    const low = this.ends.compare(a.lo, limit);
    if (low < 0 || (low === 0 && !a.loOpen)) throw new NeedMorePrecision(`the domain of ${name}`);
  }
}
