/**
 * decimal.js endpoint arithmetic (spec/reference-engine.md#REF-3, REF-4, REF-8).
 *
 * + − × ÷ use clones rounding toward −∞ (ROUND_FLOOR) and +∞ (ROUND_CEIL) at P digits: decimal.js
 * computes these exactly before rounding once. exp and ln are only claimed correctly rounded by
 * a heuristic (guard digits "empirically derived", a capped retry), so they are evaluated at
 * P + 3 digits and the result is widened by one unit of the P-th digit: a margin of 1000 units
 * of the evaluation precision for an error assumed to be at most 1.
 */
import { Decimal } from 'decimal.js';
import type { Dtype } from '../case/types.js';
import { DOWN, type Direction, type Enclosure, type EndpointArithmetic, type Rounded, type Tie } from './endpoints.js';
import { exactDecimal, type ExactReal } from './exact.js';
import { log1pSeries, type DirectedDecimals } from './decimalSeries.js';
import { roundExact } from './rounding.js';

/** Guard digits of the transcendental evaluation over the interval arithmetic's P digits. */
const TRANSCENDENTAL_GUARD = 3;
/** Below this |x|, log1p uses the series; above it, ln(1 + x) loses at most 3 digits to 1 + x. */
const SERIES_LIMIT = new Decimal('1e-3');

/** Decimal digits carrying at least `bits` bits, plus one. */
export function digitsForBits(bits: number): number {
  return Math.ceil(bits * Math.log10(2)) + 1;
}

function directed(precision: number): DirectedDecimals {
  return {
    down: Decimal.clone({ precision, rounding: Decimal.ROUND_FLOOR }),
    up: Decimal.clone({ precision, rounding: Decimal.ROUND_CEIL }),
  };
}

/** The exact value of a finite decimal.js number from its base-1e7 limbs. */
function decimalToExact(x: Decimal): ExactReal {
  const digits = x.d.map((limb, i) => (i === 0 ? String(limb) : String(limb).padStart(7, '0'))).join('');
  return { negative: x.s < 0, coefficient: BigInt(digits), exponent: x.e - digits.length + 1, radix: 10 };
}

export class DecimalEndpoints implements EndpointArithmetic<Decimal> {
  readonly digits: number;
  private readonly arithmetic: DirectedDecimals;
  private readonly wide: DirectedDecimals;
  private readonly nearest: Decimal.Constructor;

  constructor(readonly bits: number) {
    this.digits = digitsForBits(bits);
    this.arithmetic = directed(this.digits);
    this.wide = directed(this.digits + TRANSCENDENTAL_GUARD);
    this.nearest = Decimal.clone({ precision: this.digits + TRANSCENDENTAL_GUARD });
  }

  exact(x: number): Decimal {
    return exactDecimal(x, this.arithmetic.down);
  }

  /** Exact: decimal.js keeps every digit of a string. */
  integer(n: bigint): Rounded<Decimal> {
    return { value: new this.arithmetic.down(n.toString()), exact: true };
  }

  infinity(sign: -1 | 1): Decimal {
    return new this.arithmetic.down(sign * Infinity);
  }

  add(a: Decimal, b: Decimal, direction: Direction): Rounded<Decimal> {
    return this.directed(direction, (ctor) => ctor.add(a, b));
  }

  sub(a: Decimal, b: Decimal, direction: Direction): Rounded<Decimal> {
    return this.directed(direction, (ctor) => ctor.sub(a, b));
  }

  mul(a: Decimal, b: Decimal, direction: Direction): Rounded<Decimal> {
    return this.directed(direction, (ctor) => ctor.mul(a, b));
  }

  div(a: Decimal, b: Decimal, direction: Direction): Rounded<Decimal> {
    return this.directed(direction, (ctor) => ctor.div(a, b));
  }

  /** Exact: decimal.js negates without rounding (finalise is called without a precision). */
  neg(a: Decimal): Decimal {
    return a.neg();
  }

  exp(x: Decimal): Enclosure<Decimal> {
    if (x.isZero()) return this.point(1);
    return this.widen(this.nearest.exp(x));
  }

  /** ln x; near 1 through log1p(x − 1), whose series keeps the relative precision. */
  log(x: Decimal): Enclosure<Decimal> {
    const offsetLo = this.wide.down.sub(x, 1);
    const offsetHi = this.wide.up.sub(x, 1);
    if (offsetLo.abs().gt(SERIES_LIMIT) || offsetHi.abs().gt(SERIES_LIMIT)) return this.widen(this.nearest.ln(x));
    const [lower, upper] = [this.log1p(offsetLo), this.log1p(offsetHi)];
    // Different offsets are both inexact: x − 1 lies strictly between them.
    const inexact = !offsetLo.eq(offsetHi);
    return { lo: lower.lo, hi: upper.hi, loOpen: lower.loOpen || inexact, hiOpen: upper.hiOpen || inexact };
  }

  log1p(x: Decimal): Enclosure<Decimal> {
    if (x.isZero()) return this.point(0);
    if (x.abs().lte(SERIES_LIMIT)) return log1pSeries(x, this.wide, this.digits + TRANSCENDENTAL_GUARD);
    const lower = this.widen(this.nearest.ln(this.wide.down.add(x, 1)));
    const upper = this.widen(this.nearest.ln(this.wide.up.add(x, 1)));
    return { lo: lower.lo, hi: upper.hi, loOpen: true, hiOpen: true };
  }

  compare(a: Decimal, b: Decimal): number {
    return a.cmp(b);
  }

  sign(a: Decimal): number {
    return a.isZero() ? 0 : a.s;
  }

  round(a: Decimal, dtype: Dtype, tie: Tie): number {
    if (!a.isFinite()) return a.s * Infinity;
    return roundExact(decimalToExact(a), dtype, tie);
  }

  toDecimal(a: Decimal, digits: number, direction: Direction): string {
    return a.toSignificantDigits(digits, direction === DOWN ? Decimal.ROUND_FLOOR : Decimal.ROUND_CEIL).toString();
  }

  /**
   * The operation rounded in the direction; decimal.js does not report inexactness, so the result
   * is exact when rounding the other way gives the same number.
   */
  private directed(direction: Direction, operation: (ctor: Decimal.Constructor) => Decimal): Rounded<Decimal> {
    const { down, up } = this.arithmetic;
    const value = operation(direction === DOWN ? down : up);
    return { value, exact: value.eq(operation(direction === DOWN ? up : down)) };
  }

  private point(value: number): Enclosure<Decimal> {
    const exact = new this.arithmetic.down(value);
    return { lo: exact, hi: exact, loOpen: false, hiOpen: false };
  }

  /**
   * (r − u, r + u), u one unit in the P-th significant digit of r (see the file comment): the
   * value is strictly inside. An infinite r (ln ∞) is its own enclosure.
   */
  private widen(r: Decimal): Enclosure<Decimal> {
    if (!r.isFinite()) return { lo: r, hi: r, loOpen: false, hiOpen: false };
    const unit = new this.nearest(`1e${r.e - this.digits + 1}`);
    return { lo: this.wide.down.sub(r, unit), hi: this.wide.up.add(r, unit), loOpen: true, hiOpen: true };
  }
}
