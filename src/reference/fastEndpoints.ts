/**
 * The fast engine's endpoint arithmetic (spec/reference-engine.md#REF-12): normalized
 * double-doubles (about 106 bits), directed + − × ÷ with honest exactness (ddDirected.ts), exp,
 * log and log1p enclosures with proven error bounds (ddExp.ts, ddLog.ts), and exact comparison
 * and rounding, cheap because every value is normalized (h = RN(h + l), doubleDouble.ts).
 */
import { Decimal } from 'decimal.js';
import type { Dtype } from '../case/types.js';
import { FORMATS, exponentOf } from '../numeric/dtype.js';
import { DOWN, type Direction, type Enclosure, type EndpointArithmetic, type Rounded, type Tie } from './endpoints.js';
import { addDirected, mulDirected, subDirected } from './ddDirected.js';
import { divDirected } from './ddDivide.js';
import { roundRational, toRational } from './ddExact.js';
import { expEnclosure } from './ddExp.js';
import { log1pEnclosure, logEnclosure } from './ddLog.js';
import { compare, dd, negate, type DD } from './doubleDouble.js';
import { exactReal, exactRealToString } from './exact.js';
import { roundExact, roundFromOdd, roundToOdd } from './rounding.js';

/**
 * The working precision the fast engine reports: results of + − × ÷ are within about 2^−105
 * relatively, exp within 2^−101, ln and log1p within 2^−92 (REF-12.6).
 */
export const FAST_BITS = 100;

const words = new Float64Array(1);
const halves = new Uint32Array(words.buffer);
/** Index of the low 32-bit half of a double in memory (little-endian platforms: 0). */
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

/** The double next to a finite nonzero x toward zero: its magnitude's bit pattern minus one. */
function towardZero(x: number): number {
  words[0] = x;
  if (halves[LOW] === 0) halves[1 - LOW]! -= 1;
  halves[LOW]! -= 1;
  return words[0]!;
}

/**
 * RN64(h + l) with a tie broken toward +∞ (`up`) or −∞ (`down`): h, unless h + l is the midpoint
 * between h and its neighbour on l's side, i.e. 2l is exactly that gap. Normalization gives
 * |2l| ≤ gap, so h + 2l is the neighbour exactly when it is a midpoint (and h − (h + 2l) is exact).
 */
function roundTie64(h: number, l: number, tie: Tie): number {
  const neighbour = h + 2 * l;
  if (neighbour - h !== 2 * l) return h;
  return (tie === 'up') === l > 0 ? neighbour : h;
}

/** A narrower format's midpoint has at most p + 1 significant bits (subnormal doubles: decided exactly). */
function mayBeMidpoint(h: number, precision: number): boolean {
  return Math.abs(h) < 2 ** -1022 || Number.isInteger(h * 2 ** (precision - exponentOf(h)));
}

export class FastEndpoints implements EndpointArithmetic<DD> {
  readonly bits = FAST_BITS;

  exact(x: number): DD {
    return dd(x);
  }

  integer(n: bigint, direction: Direction): Rounded<DD> {
    return roundRational({ m: n, e: 0, d: 1n }, direction);
  }

  infinity(sign: -1 | 1): DD {
    return { h: sign * Infinity, l: 0 };
  }

  add(a: DD, b: DD, direction: Direction): Rounded<DD> {
    return addDirected(a, b, direction);
  }

  sub(a: DD, b: DD, direction: Direction): Rounded<DD> {
    return subDirected(a, b, direction);
  }

  mul(a: DD, b: DD, direction: Direction): Rounded<DD> {
    return mulDirected(a, b, direction);
  }

  div(a: DD, b: DD, direction: Direction): Rounded<DD> {
    return divDirected(a, b, direction);
  }

  neg(a: DD): DD {
    return negate(a);
  }

  exp(x: DD): Enclosure<DD> {
    return expEnclosure(x);
  }

  log(x: DD): Enclosure<DD> {
    return logEnclosure(x);
  }

  log1p(x: DD): Enclosure<DD> {
    return log1pEnclosure(x);
  }

  compare(a: DD, b: DD): number {
    return compare(a, b);
  }

  sign(a: DD): number {
    return a.h > 0 ? 1 : a.h < 0 ? -1 : 0;
  }

  /**
   * float64: h is RN(h + l) already; only an exact midpoint with a directed tie differs.
   * Narrower dtypes: RZ(h + l) into binary64 is h, or h's neighbour toward zero when l points
   * there; with the inexact bit that is round-to-odd, from which one rounding is exact (REF-5.3).
   * A directed tie can matter only at a midpoint, which is a double (l = 0) of at most p + 1 bits.
   */
  round(a: DD, dtype: Dtype, tie: Tie): number {
    const { h, l } = a;
    if (!Number.isFinite(h) || h === 0) return h;
    if (dtype === 'float64') return l === 0 || tie === 'even' ? h : roundTie64(h, l, tie);
    if (l === 0 && tie !== 'even' && mayBeMidpoint(h, FORMATS[dtype].precision))
      return roundExact(exactReal(h), dtype, tie);
    const truncated = l === 0 || l > 0 === h > 0 ? h : towardZero(h);
    return roundFromOdd(roundToOdd(truncated, l !== 0), dtype);
  }

  toDecimal(a: DD, digits: number, direction: Direction): string {
    if (!Number.isFinite(a.h)) return String(a.h);
    if (a.h === 0) return '0';
    const { m, e } = toRational(a);
    const exact = exactRealToString({ negative: m < 0n, coefficient: m < 0n ? -m : m, exponent: e, radix: 2 });
    const rounding = direction === DOWN ? Decimal.ROUND_FLOOR : Decimal.ROUND_CEIL;
    return new Decimal(exact).toSignificantDigits(digits, rounding).toString();
  }
}
