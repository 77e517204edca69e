import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IntervalArithmetic } from '../../src/reference/arithmetic.js';
import { EXP2_TABLE, INV_FACTORIAL, INV_LN2_64, LN2_HI, LN2_LO, REDUCTION } from '../../src/reference/ddConstants.js';
import { toRational } from '../../src/reference/ddExact.js';
import { expEnclosure } from '../../src/reference/ddExp.js';
import { logDelta, newton } from '../../src/reference/ddLog.js';
import { dd, twoSum, type DD } from '../../src/reference/doubleDouble.js';
import { exactDecimal, exactRealToString } from '../../src/reference/exact.js';
import { FAST_BITS, FastEndpoints } from '../../src/reference/fastEndpoints.js';
import { exactOf } from './doubleDoubles.js';
import { Exact, enclosureAt, fastEngine, mpfrEngine, openFlags, type ExactEnclosure } from './engines.js';

type Function_ = 'exp' | 'log' | 'log1p';

/** x plus a low part of a random fraction of its half-ulp (or none), normalized. */
function withLowPart(leading: fc.Arbitrary<number>): fc.Arbitrary<DD> {
  return fc
    .tuple(leading, fc.constantFrom(0, 2 ** -53, 2 ** -70), fc.double({ min: -1, max: 1, noNaN: true }))
    .map(([x, scale, f]) => twoSum(x, x * scale * f));
}

const nearOne = (sign: 1 | -1) => fc.integer({ min: 1, max: 70 }).map((k) => 1 + sign * 2 ** -k);
const nearMinusOne = fc.integer({ min: 1, max: 52 }).map((k) => -1 + 2 ** -k);

/** Arguments across each function's domain: tiny, near the reduction and branch limits, subnormal results, extremes. */
const ARGUMENTS: Record<Function_, fc.Arbitrary<DD>> = {
  exp: withLowPart(
    fc.oneof(
      fc.double({ min: -20, max: 20, noNaN: true }),
      fc.double({ min: -746.5, max: 709.9, noNaN: true }),
      fc.double({ min: -746.5, max: -700, noNaN: true }),
      fc.double({ min: -1e-8, max: 1e-8, noNaN: true }),
      fc.double({ min: 709, max: 720, noNaN: true }),
    ),
  ),
  log: fc.oneof(
    withLowPart(
      fc.oneof(
        fc.double({ min: 5e-324, max: Number.MAX_VALUE, noNaN: true }),
        fc.double({ min: 0.25, max: 4, noNaN: true }),
        nearOne(1),
        nearOne(-1),
        fc.double({ min: 5e-324, max: 1e-300, noNaN: true }),
      ),
    ),
    // A low part that x·2^−600 cannot hold: the scaling is inexact, so each end has its own.
    fc.constantFrom({ h: 2 ** 950, l: 5e-324 }, { h: 2 ** 950, l: -5e-324 }, { h: 1e300, l: 2 ** -1000 }),
  ),
  log1p: withLowPart(
    fc.oneof(
      fc.double({ min: -1e-9, max: 1e-9, noNaN: true }),
      fc.double({ min: -(2 ** -7), max: 2 ** -7, noNaN: true }),
      fc.double({ min: -0.999, max: 10, noNaN: true }),
      fc.double({ min: 1, max: Number.MAX_VALUE, noNaN: true }),
      nearMinusOne,
      fc.constantFrom(2 ** -40, -(2 ** -40), 2 ** -8, -(2 ** -8), -0.5, 2 ** 900, 5e-324),
    ),
  ),
};

/** The arguments where the function's value is rational (or infinite): 0 and 1 for ln, and so on. */
const RATIONAL_AT: Record<Function_, readonly number[]> = { exp: [0], log: [0, 1, Infinity], log1p: [-1, 0, Infinity] };

const TWO_TO_MINUS_100 = new Exact(2).pow(-100);

/** REF-12.6's width of ln and log1p: at most 2^−100·(1 + |v|). */
const withinLnWidth = (fast: ExactEnclosure, truth: ExactEnclosure): boolean =>
  fast.hi.sub(fast.lo).lte(TWO_TO_MINUS_100.mul(truth.lo.abs().add(1)));

/** Claimed relative half-widths (REF-12.6), for results the double-double range holds fully. */
const WIDTH_BITS: Record<Function_, number> = { exp: 100, log: 90, log1p: 90 };

function argument<I>(a: IntervalArithmetic<I>, x: DD): I {
  return a.add(a.fromDouble(x.h), a.fromDouble(x.l));
}

/** The fast enclosure, printed exactly, and its open flags. */
function fastEnclosure(f: Function_, x: DD): ExactEnclosure & { loOpen: boolean; hiOpen: boolean } {
  let flags = { loOpen: false, hiOpen: false };
  const printed = enclosureAt(fastEngine, FAST_BITS, (a) => {
    const value = a[f](argument(a, x));
    flags = openFlags(value);
    return value;
  });
  return { ...printed, ...flags };
}

describe('fast engine exp, log and log1p against MPFR at 2400 bits (REF-12.4, REF-12.5)', () => {
  for (const f of ['exp', 'log', 'log1p'] as const) {
    it(`should enclose ${f} strictly, with the claimed precision`, () => {
      fc.assert(
        fc.property(ARGUMENTS[f], (x) => {
          const fast = fastEnclosure(f, x);
          // 2400 bits hold any double-double argument exactly (its parts span at most 2100 bits).
          const truth = enclosureAt(mpfrEngine, 2400, (a) => a[f](argument(a, x)));
          expect(fast.loOpen ? fast.lo.lt(truth.lo) : fast.lo.lte(truth.lo)).toBe(true);
          expect(fast.hiOpen ? truth.hi.lt(fast.hi) : truth.hi.lte(fast.hi)).toBe(true);
          // Lindemann–Weierstrass: elsewhere the value is irrational, so a closed end (REF-1.3)
          // would claim a value the function does not take there.
          if (x.l !== 0 || !RATIONAL_AT[f].includes(x.h)) expect([fast.loOpen, fast.hiOpen]).toEqual([true, true]);
          // ln and log1p: E's enclosure gives about 2^−101 absolutely, each directed sum 2^−104
          // of the value (REF-12.6).
          if (f !== 'exp' && fast.hi.isFinite()) expect(withinLnWidth(fast, truth)).toBe(true);
          const size = truth.lo.abs();
          if (fast.hi.isFinite() && size.gt('1e-270') && size.lt('1e300')) {
            expect(fast.hi.sub(fast.lo).lte(size.mul(new Exact(2).pow(-WIDTH_BITS[f])))).toBe(true);
          }
        }),
        { numRuns: 400 },
      );
    });
  }

  it('should give exact points where the value is rational, and the limits at 0, −1 and ∞', () => {
    const ends = new FastEndpoints();
    const point = (v: number) => ({ lo: { h: v, l: 0 }, hi: { h: v, l: 0 }, loOpen: false, hiOpen: false });
    expect(ends.exp({ h: 0, l: 0 })).toEqual(point(1));
    expect(ends.log({ h: 1, l: 0 })).toEqual(point(0));
    expect(ends.log1p({ h: 0, l: 0 })).toEqual(point(0));
    expect(ends.log({ h: 0, l: 0 })).toEqual(point(-Infinity));
    expect(ends.log1p({ h: -1, l: 0 })).toEqual(point(-Infinity));
    expect(ends.log({ h: Infinity, l: 0 })).toEqual(point(Infinity));
    expect(ends.log1p({ h: Infinity, l: 0 })).toEqual(point(Infinity));
    expect(ends.exp({ h: -800, l: 0 })).toEqual({
      lo: { h: 0, l: 0 },
      hi: { h: 2 ** -1074, l: 0 },
      loOpen: true,
      hiOpen: true,
    });
    expect(ends.exp({ h: 710, l: 0 })).toEqual({
      lo: { h: Number.MAX_VALUE, l: 0 },
      hi: { h: Infinity, l: 0 },
      loOpen: true,
      hiOpen: true,
    });
  });
});

describe('fast engine ln from a seed Math.log might give (REF-12.5)', () => {
  const lnAt = (x: number, seed: number): ExactEnclosure => {
    const { lo, hi } = newton(seed, expEnclosure, logDelta(dd(x)));
    return { lo: exactDecimalOf(lo), hi: exactDecimalOf(hi) };
  };

  it('should correct a seed up to 0.05 off in Newton steps, and give up on one 0.1 off', () => {
    // The error squares (and halves) per step: 0.05 takes all four evaluations of E, 0.1 a fifth.
    for (const x of [3, 1e10, 2 ** -800]) {
      const truth = enclosureAt(mpfrEngine, 2400, (a) => a.log(a.fromDouble(x)));
      for (const offset of [1e-3, 0.05, -0.05]) {
        const fast = lnAt(x, Math.log(x) + offset);
        expect(fast.lo.lt(truth.lo) && truth.hi.lt(fast.hi)).toBe(true);
        expect(withinLnWidth(fast, truth)).toBe(true);
      }
      for (const offset of [0.1, -0.1])
        expect(() => lnAt(x, Math.log(x) + offset)).toThrow('ln: Math.log is beyond its documented accuracy');
    }
  });
});

/** A double-double's exact value as a decimal. */
const exactDecimalOf = (a: DD): InstanceType<typeof Exact> =>
  new Exact(a.h === 0 ? '0' : exactRealToString(exactOf(toRational(a))));
const u2 = new Exact(2).pow(-106);

describe('fast engine constants (REF-12.4)', () => {
  const ln2 = enclosureAt(mpfrEngine, 1024, (a) => a.log(a.fromDouble(2)));

  it('should bracket ln 2 and split ln2/64 within the stated δL', () => {
    expect(exactDecimalOf(LN2_LO).lt(ln2.lo) && ln2.hi.lt(exactDecimalOf(LN2_HI))).toBe(true);
    const { l1, l2, l3, deltaL } = REDUCTION;
    const split = exactDecimal(l1, Exact).add(exactDecimal(l2, Exact)).add(exactDecimal(l3, Exact));
    for (const end of [ln2.lo, ln2.hi])
      expect(end.div(64).sub(split).abs().lte(exactDecimal(deltaL, Exact))).toBe(true);
    // 36 significant bits each, so N·L1 and N·L2 are exact for |N| < 2^17.
    for (const part of [l1, l2]) expect(Number.isInteger(part * 2 ** (35 - Math.floor(Math.log2(part))))).toBe(true);
    expect(exactDecimal(INV_LN2_64, Exact).mul(ln2.lo).div(64).sub(1).abs().lte(new Exact(2).pow(-53).mul(1.01))).toBe(
      true,
    );
  });

  it('should hold 2^(j/64) within 1.0001u² and 1/i! within u²/i!', () => {
    EXP2_TABLE.forEach((t, j) => {
      const truth = enclosureAt(mpfrEngine, 1024, (a) =>
        a.exp(a.mul(a.log(a.fromDouble(2)), a.fromRational(BigInt(j), 64n))),
      );
      expect(exactDecimalOf(t).sub(truth.lo).abs().lte(truth.lo.mul(u2).mul(1.0001))).toBe(true);
    });
    let factorial = new Exact(1);
    INV_FACTORIAL.forEach((c, i) => {
      factorial = factorial.mul(Math.max(i, 1));
      expect(exactDecimalOf(c).mul(factorial).sub(1).abs().lte(u2)).toBe(true);
    });
  });
});
