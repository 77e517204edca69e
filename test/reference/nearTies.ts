/**
 * Values constructed to sit just beside a rounding boundary of their dtype: the midpoint between a
 * dtype value v and its successor, plus or minus e^−X ≈ v·2^−k. The correctly rounded result is
 * known (the successor above the midpoint, v below it).
 * - The midpoint entered exactly: the enclosure's end on the midpoint is open, so every engine
 *   settles the value at its first precision, whatever k (REF-5.4).
 * - The midpoint entered as e^(ln m): its enclosure is about 2^−96 wide around m, so for k beyond
 *   about 96 the fast engine's enclosure straddles the midpoint and the slow engine must settle the
 *   value (spec/reference-engine.md#REF-13); below, the fast engine settles it.
 */
import fc from 'fast-check';
import { DTYPES, type Dtype } from '../../src/case/types.js';
import { FORMATS, exponentOf, roundTo } from '../../src/numeric/dtype.js';
import type { IntervalArithmetic } from '../../src/reference/arithmetic.js';

export interface NearTie {
  readonly dtype: Dtype;
  /** A positive dtype value; the boundary is the midpoint above it. */
  readonly v: number;
  /** The offset's binary order below v: e^−X ≈ v·2^−k. */
  readonly k: number;
  readonly above: boolean;
  readonly negative: boolean;
  /** The midpoint as e^(ln m) (an inexact enclosure) rather than exactly. */
  readonly throughLog: boolean;
}

function quantum(v: number, dtype: Dtype): number {
  const fmt = FORMATS[dtype];
  return 2 ** (Math.max(exponentOf(v), fmt.emin) - fmt.precision + 1);
}

export function nearTieArbitrary(): fc.Arbitrary<NearTie> {
  return fc.constantFrom(...DTYPES).chain((dtype) =>
    fc.record({
      dtype: fc.constant(dtype),
      v: fc
        .double({ min: 2 ** -20, max: Math.min(2 ** 20, FORMATS[dtype].maxFinite / 2), noNaN: true })
        .map(roundTo(dtype))
        .filter((v) => v > 0),
      // The offset stays below a tenth of the half-gap: v·2^−k < 2^−4·v·2^−p.
      k: fc.integer({ min: FORMATS[dtype].precision + 4, max: 180 }),
      above: fc.boolean(),
      negative: fc.boolean(),
      throughLog: fc.boolean(),
    }),
  );
}

/** ±(m ± e^−X) with m = v + q/2 (or e^(ln m)) and X = k·ln 2 − ln v, evaluated as an expression. */
export function evaluateNearTie<I>(a: IntervalArithmetic<I>, t: NearTie): I {
  const exact = a.add(a.fromDouble(t.v), a.fromDouble(quantum(t.v, t.dtype) / 2));
  const midpoint = t.throughLog ? a.exp(a.log(exact)) : exact;
  const offset = a.exp(a.fromDouble(-(t.k * Math.LN2 - Math.log(t.v))));
  const value = t.above ? a.add(midpoint, offset) : a.sub(midpoint, offset);
  return t.negative ? a.neg(value) : value;
}

/** The correctly rounded value: the neighbour on the offset's side of the midpoint. */
export function nearTieExpected(t: NearTie): number {
  const magnitude = t.above ? t.v + quantum(t.v, t.dtype) : t.v;
  return t.negative ? -magnitude : magnitude;
}
