/**
 * Normalized double-doubles across the whole range for the fast engine's tests, and their exact
 * values as rationals (spec/reference-engine.md#REF-12).
 */
import fc from 'fast-check';
import { toRational } from '../../src/reference/ddExact.js';
import { twoSum, type DD } from '../../src/reference/doubleDouble.js';
import { compareRational, type Rational } from '../../src/reference/exactRational.js';
import type { ExactReal } from '../../src/reference/exact.js';

/** Leading parts: ordinary, tiny, subnormal, huge, near the largest double, and exact small values. */
const leading = fc.oneof(
  fc.double({ min: -1e4, max: 1e4, noNaN: true }),
  fc.double({ min: -1e-290, max: 1e-290, noNaN: true }),
  fc.double({ min: -1e-305, max: 1e-305, noNaN: true }),
  fc
    .tuple(fc.double({ min: 1e290, max: Number.MAX_VALUE, noNaN: true }), fc.boolean())
    .map(([x, negative]) => (negative ? -x : x)),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -4096, max: 4096 }).map((m) => m / 64),
);

/** A low part: none, a full-width one, or one far below the leading part's last bit. */
const lowScale = fc.constantFrom(0, 2 ** -53, 2 ** -54, 2 ** -80, 2 ** -300);

/** h + h·scale·f, normalized by TwoSum (so h may move by an ulp). */
export const doubleDouble: fc.Arbitrary<DD> = fc
  .record({ h: leading, scale: lowScale, f: fc.double({ min: -1, max: 1, noNaN: true }) })
  .map(({ h, scale, f }) => {
    const pair = twoSum(h + 0, h * scale * f);
    return pair.h === 0 ? { h: 0, l: 0 } : pair;
  })
  .filter((a) => Number.isFinite(a.h) && Number.isFinite(a.l));

/**
 * Sparse double-doubles: a few significant bits in each part, the low part 54 to 110 binades
 * below. Their TwoSum and TwoProduct errors are often nonzero yet short, so the later sums of an
 * expansion are often exact: the cases where a bump taken or left out decides the side.
 */
export const sparseDoubleDouble: fc.Arbitrary<DD> = fc
  .record({
    m: fc.integer({ min: -64, max: 64 }),
    e: fc.integer({ min: -30, max: 30 }),
    low: fc.integer({ min: -64, max: 64 }),
    below: fc.integer({ min: 54, max: 110 }),
  })
  .map(({ m, e, low, below }) => {
    const pair = twoSum(m * 2 ** e, low * 2 ** (e - below));
    return pair.h === 0 ? { h: 0, l: 0 } : pair;
  });

/** The pair is what the engine requires of every value: h = RN(h + l). */
export function isNormalized(a: DD): boolean {
  if (!Number.isFinite(a.h)) return a.l === 0;
  const renormalized = twoSum(a.h, a.l);
  return Object.is(renormalized.h, a.h) && renormalized.l === a.l && !Object.is(a.h, -0);
}

export function compareWith(a: DD, v: Rational): number {
  if (!Number.isFinite(a.h)) return Math.sign(a.h);
  return compareRational(toRational(a), v);
}

export function exactOf(v: Rational): ExactReal {
  if (v.d !== 1n) throw new RangeError('exactOf: not a dyadic');
  return { negative: v.m < 0n, coefficient: v.m < 0n ? -v.m : v.m, exponent: v.e, radix: 2 };
}
