/**
 * MPFR endpoint arithmetic through gmp-wasm (spec/reference-engine.md#REF-3, REF-4, REF-8).
 *
 * Every MPFR operation is correctly rounded in the requested direction, transcendental functions
 * included, so an endpoint rounded toward −∞ (RNDD) or +∞ (RNDU) is a bound with no widening.
 * A function at a point is evaluated once, toward −∞: the ternary value says whether the result
 * is exact, and if not the exact value lies strictly below the next MPFR number up.
 */
import { mpfr_rnd_t, type GMPFunctions, type mpfr_ptr } from 'gmp-wasm';
import type { Dtype } from '../case/types.js';
import { FORMATS } from '../numeric/dtype.js';
import { DOWN, type Direction, type Enclosure, type EndpointArithmetic, type Rounded, type Tie } from './endpoints.js';
import type { MpfrArena } from './mpfrArena.js';
import type { ExactReal } from './exact.js';
import { roundExact, roundFromOdd, roundToOdd } from './rounding.js';

/** Per-engine scratch memory: an mpz for integers and an int for mpfr_get_str's exponent. */
export interface MpfrScratch {
  readonly integer: number;
  readonly exponent: number;
}

type MpfrFunction = (rop: mpfr_ptr, op: mpfr_ptr, rnd: mpfr_rnd_t) => number;

const RNDN = mpfr_rnd_t.MPFR_RNDN;
const RNDZ = mpfr_rnd_t.MPFR_RNDZ;

function rounding(direction: Direction): mpfr_rnd_t {
  return direction === DOWN ? mpfr_rnd_t.MPFR_RNDD : mpfr_rnd_t.MPFR_RNDU;
}

export class MpfrEndpoints implements EndpointArithmetic<mpfr_ptr> {
  readonly bits: number;

  constructor(
    private readonly gmp: GMPFunctions,
    private readonly arena: MpfrArena,
    private readonly scratch: MpfrScratch,
  ) {
    this.bits = arena.bits;
  }

  /** Exact: the arena's precision is at least 53 bits and MPFR's exponent range covers doubles. */
  exact(x: number): mpfr_ptr {
    const r = this.arena.take();
    this.gmp.mpfr_set_d(r, x, RNDN);
    return r;
  }

  integer(n: bigint, direction: Direction): Rounded<mpfr_ptr> {
    this.gmp.mpz_set_string(this.scratch.integer, n.toString(16), 16);
    const value = this.arena.take();
    return { value, exact: this.gmp.mpfr_set_z(value, this.scratch.integer, rounding(direction)) === 0 };
  }

  infinity(sign: -1 | 1): mpfr_ptr {
    const r = this.arena.take();
    this.gmp.mpfr_set_inf(r, sign);
    return r;
  }

  add(a: mpfr_ptr, b: mpfr_ptr, direction: Direction): Rounded<mpfr_ptr> {
    const value = this.arena.take();
    return { value, exact: this.gmp.mpfr_add(value, a, b, rounding(direction)) === 0 };
  }

  sub(a: mpfr_ptr, b: mpfr_ptr, direction: Direction): Rounded<mpfr_ptr> {
    const value = this.arena.take();
    return { value, exact: this.gmp.mpfr_sub(value, a, b, rounding(direction)) === 0 };
  }

  mul(a: mpfr_ptr, b: mpfr_ptr, direction: Direction): Rounded<mpfr_ptr> {
    const value = this.arena.take();
    return { value, exact: this.gmp.mpfr_mul(value, a, b, rounding(direction)) === 0 };
  }

  div(a: mpfr_ptr, b: mpfr_ptr, direction: Direction): Rounded<mpfr_ptr> {
    const value = this.arena.take();
    return { value, exact: this.gmp.mpfr_div(value, a, b, rounding(direction)) === 0 };
  }

  /** Exact: negation at the same precision. */
  neg(a: mpfr_ptr): mpfr_ptr {
    const r = this.arena.take();
    this.gmp.mpfr_neg(r, a, RNDN);
    return r;
  }

  exp(x: mpfr_ptr): Enclosure<mpfr_ptr> {
    return this.enclose(this.gmp.mpfr_exp, x);
  }

  log(x: mpfr_ptr): Enclosure<mpfr_ptr> {
    return this.enclose(this.gmp.mpfr_log, x);
  }

  log1p(x: mpfr_ptr): Enclosure<mpfr_ptr> {
    return this.enclose(this.gmp.mpfr_log1p, x);
  }

  compare(a: mpfr_ptr, b: mpfr_ptr): number {
    return this.gmp.mpfr_cmp(a, b);
  }

  sign(a: mpfr_ptr): number {
    return this.gmp.mpfr_sgn(a);
  }

  /**
   * float64: MPFR's own RN conversion (subnormals and overflow included). Narrower dtypes: RZ to
   * binary64 plus the inexact bit is round-to-odd, from which one rounding is exact (REF-5).
   * A directed tie can only matter at a midpoint, which has at most p + 1 significant bits: such
   * values (rare) go through the exact BigInt rounding.
   */
  round(a: mpfr_ptr, dtype: Dtype, tie: Tie): number {
    const { gmp } = this;
    if (tie !== 'even' && gmp.mpfr_regular_p(a) && gmp.mpfr_min_prec(a) <= FORMATS[dtype].precision + 1) {
      return roundExact(this.toExact(a), dtype, tie);
    }
    if (dtype === 'float64') return this.gmp.mpfr_get_d(a, RNDN);
    const truncated = this.gmp.mpfr_get_d(a, RNDZ);
    return roundFromOdd(roundToOdd(truncated, this.gmp.mpfr_cmp_d(a, truncated) !== 0), dtype);
  }

  toDecimal(a: mpfr_ptr, digits: number, direction: Direction): string {
    const { gmp } = this;
    const pointer = gmp.mpfr_get_str(0, this.scratch.exponent, 10, Math.max(2, digits), a, rounding(direction));
    const end = gmp.mem.indexOf(0, pointer);
    const text = new TextDecoder().decode(gmp.mem.subarray(pointer, end));
    gmp.mpfr_free_str(pointer);
    if (text.includes('@')) return text.replace(/@Inf@/, 'Infinity').replace(/@NaN@/, 'NaN');
    if (gmp.mpfr_zero_p(a)) return '0';
    const sign = text.startsWith('-') ? '-' : '';
    const body = sign ? text.slice(1) : text;
    const exponent = gmp.memView.getInt32(this.scratch.exponent, true) - 1;
    return `${sign}${body[0]}.${body.slice(1)}e${exponent}`;
  }

  /** The exact dyadic value of a regular (finite, nonzero) MPFR number. */
  private toExact(a: mpfr_ptr): ExactReal {
    const exponent = this.gmp.mpfr_get_z_2exp(this.scratch.integer, a);
    const hex = this.gmp.mpz_to_string(this.scratch.integer, 16);
    const negative = hex.startsWith('-');
    return { negative, coefficient: BigInt(`0x${negative ? hex.slice(1) : hex}`), exponent, radix: 2 };
  }

  /** One directed evaluation and the ternary value give both bounds, strict when inexact. */
  private enclose(f: MpfrFunction, x: mpfr_ptr): Enclosure<mpfr_ptr> {
    const lo = this.arena.take();
    if (f(lo, x, mpfr_rnd_t.MPFR_RNDD) === 0) return { lo, hi: lo, loOpen: false, hiOpen: false };
    const hi = this.arena.take();
    this.gmp.mpfr_set(hi, lo, RNDN);
    this.gmp.mpfr_nextabove(hi);
    return { lo, hi, loOpen: true, hiOpen: true };
  }
}
