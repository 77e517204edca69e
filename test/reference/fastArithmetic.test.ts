import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DTYPES, type Dtype } from '../../src/case/types.js';
import { FORMATS, exponentOf, roundTo } from '../../src/numeric/dtype.js';
import { roundRational, toRational } from '../../src/reference/ddExact.js';
import { ZERO, addApprox, dd, mulApprox, negate, twoSum, type DD } from '../../src/reference/doubleDouble.js';
import { DOWN, UP, type Direction, type Rounded, type Tie } from '../../src/reference/endpoints.js';
import { exactRealToString } from '../../src/reference/exact.js';
import {
  addRational,
  compareRational,
  divRational,
  mulRational,
  negRational,
  signOfRational,
  type Rational,
} from '../../src/reference/exactRational.js';
import { FAST_BITS, FastEndpoints } from '../../src/reference/fastEndpoints.js';
import { roundExact } from '../../src/reference/rounding.js';
import { compareWith, doubleDouble, exactOf, isNormalized, sparseDoubleDouble } from './doubleDoubles.js';
import { Exact, fastEngine, openFlags } from './engines.js';

const ends = new FastEndpoints();
const direction = fc.constantFrom<Direction>(DOWN, UP);

const OPERATIONS = {
  add: addRational,
  sub: (a: Rational, b: Rational) => addRational(a, negRational(b)),
  mul: mulRational,
  div: divRational,
} as const;

const abs = (v: Rational): Rational => (v.m < 0n ? negRational(v) : v);

/** A directed result is normalized, on the right side of the exact value, and exact only when equal. */
function expectDirected(result: Rounded<DD>, exact: Rational, toward: Direction): void {
  expect(isNormalized(result.value)).toBe(true);
  expect(compareWith(result.value, exact)).toBe(result.exact ? 0 : toward);
}

/** |result − exact| ≤ 2^−100·|exact| (REF-12.6), for results the double-double range holds fully. */
function expectPrecise(result: DD, exact: Rational): void {
  if (!Number.isFinite(result.h) || signOfRational(exact) === 0) return;
  const magnitude = abs(exact);
  if (
    compareRational(magnitude, { m: 1n, e: -900, d: 1n }) < 0 ||
    compareRational(magnitude, { m: 1n, e: 1000, d: 1n }) > 0
  )
    return;
  const error = abs(addRational(toRational(result), negRational(exact)));
  expect(compareRational({ ...error, e: error.e + 100 }, magnitude)).toBeLessThanOrEqual(0);
}

describe('fast engine directed arithmetic (REF-12.2, REF-12.3)', () => {
  for (const [name, exactOp] of Object.entries(OPERATIONS)) {
    it(`should round ${name} toward the direction, exact only when it is, within 2^-100`, () => {
      fc.assert(
        fc.property(doubleDouble, doubleDouble, direction, (a, b, toward) => {
          if (name === 'div' && b.h === 0) return;
          const result = ends[name as keyof typeof OPERATIONS](a, b, toward);
          const exact = exactOp(toRational(a), toRational(b));
          expectDirected(result, exact, toward);
          expectPrecise(result.value, exact);
        }),
        { numRuns: 4000 },
      );
    });
  }

  it('should round sparse operands toward the direction, exact only when it is', () => {
    fc.assert(
      fc.property(sparseDoubleDouble, sparseDoubleDouble, direction, (a, b, toward) => {
        for (const [name, exactOp] of Object.entries(OPERATIONS)) {
          if (name === 'div' && b.h === 0) continue;
          const result = ends[name as keyof typeof OPERATIONS](a, b, toward);
          expectDirected(result, exactOp(toRational(a), toRational(b)), toward);
        }
      }),
      { numRuns: 20_000 },
    );
  });

  it('should find exact sums, products and quotients exact', () => {
    const x = { h: 1.5, l: 2 ** -60 };
    expect(ends.add(x, { h: -1.5, l: 0 }, UP)).toEqual({ value: { h: 2 ** -60, l: 0 }, exact: true });
    expect(ends.mul(x, { h: 4, l: 0 }, DOWN)).toEqual({ value: { h: 6, l: 2 ** -58 }, exact: true });
    expect(ends.mul({ h: 4, l: 0 }, x, UP)).toEqual({ value: { h: 6, l: 2 ** -58 }, exact: true });
    expect(ends.div({ h: 3, l: 0 }, { h: 4, l: 0 }, UP)).toEqual({ value: { h: 0.75, l: 0 }, exact: true });
    expect(ends.div({ h: 6, l: 2 ** -58 }, { h: 4, l: 0 }, DOWN)).toEqual({ value: x, exact: true });
    expect(ends.div({ h: 1, l: 0 }, { h: 3, l: 0 }, DOWN).exact).toBe(false);
  });

  // a = 2^k·(1 − 2^−120) and b = 2^j·(1 − 2^−60) are double-doubles whose quotient
  // 2^(k−j)·(1 + 2^−60) is one too, by a divisor with a low part.
  const scaledPair = (k: number, j: number) => ({
    a: { h: 2 ** k, l: -(2 ** (k - 120)) },
    b: { h: 2 ** j, l: -(2 ** (j - 60)) },
    quotient: { m: (1n << 60n) + 1n, e: k - j - 60, d: 1n },
  });

  it('should widen quotients inside the limits, exact ones too, and take the exact path outside (REF-12.2, REF-12.3)', () => {
    // Inside: operands and quotient at the ends of [2^−850, 2^990] and [2^−840, 2^990]. The
    // approximation is widened, so even this exactly representable quotient is an open end.
    const inside = [
      [-850, -10],
      [990, 0],
      [0, -850],
      [150, 990],
    ];
    // Outside, each by one binade: the exact rational path finds the quotient exact.
    const outside = [
      [-851, -20],
      [991, 1],
      [-840, -851],
      [900, 991],
      [-800, 41],
      [900, -91],
    ];
    for (const [k, j] of [...inside, ...outside]) {
      const { a, b, quotient } = scaledPair(k!, j!);
      for (const toward of [DOWN, UP]) {
        const result = ends.div(a, b, toward);
        expectDirected(result, quotient, toward);
        expect(result.exact).toBe(outside.some(([ko, jo]) => ko === k && jo === j));
      }
    }
  });

  it("should give IEEE's results, exact, for infinite operands and zero divisors (REF-12.1)", () => {
    const sums: [number, number, number][] = [
      [Infinity, Infinity, Infinity],
      [-Infinity, Infinity, NaN],
      [Infinity, 1, Infinity],
    ];
    const products: [number, number, number][] = [
      [Infinity, 2, Infinity],
      [2, -Infinity, -Infinity],
      [0, Infinity, NaN],
      [Infinity, Infinity, Infinity],
    ];
    for (const toward of [DOWN, UP]) {
      for (const [a, b, sum] of sums) expect(ends.add(dd(a), dd(b), toward)).toEqual({ value: dd(sum), exact: true });
      for (const [a, b, product] of products)
        expect(ends.mul(dd(a), dd(b), toward)).toEqual({ value: dd(product), exact: true });
    }
    const quotients: [number, number, number][] = [
      [Infinity, 2, Infinity],
      [-Infinity, 2, -Infinity],
      [2, Infinity, 0],
      [1, 0, Infinity],
      [-1, 0, -Infinity],
      [0, 0, NaN],
      [Infinity, Infinity, NaN],
      [0, 3, 0],
    ];
    for (const [a, b, q] of quotients)
      for (const toward of [DOWN, UP]) expect(ends.div(dd(a), dd(b), toward)).toEqual({ value: dd(q), exact: true });
  });

  it('should overflow to infinity upward and to the largest double downward', () => {
    const max = { h: Number.MAX_VALUE, l: 0 };
    expect(ends.add(max, max, UP)).toEqual({ value: { h: Infinity, l: 0 }, exact: false });
    expect(ends.add(max, max, DOWN)).toEqual({ value: max, exact: false });
    expect(ends.mul(max, { h: -2, l: 0 }, DOWN).value.h).toBe(-Infinity);
    expect(ends.add(ends.infinity(1), max, DOWN)).toEqual({ value: { h: Infinity, l: 0 }, exact: true });
  });

  it('should compare by the low parts when the high parts are equal', () => {
    const [above, below] = [
      { h: 1, l: 2 ** -60 },
      { h: 1, l: -(2 ** -60) },
    ];
    expect([ends.compare(above, below), ends.compare(below, above), ends.compare(above, above)]).toEqual([1, -1, 0]);
  });

  it('should compare and give signs exactly', () => {
    fc.assert(
      fc.property(doubleDouble, doubleDouble, (a, b) => {
        expect(Math.sign(ends.compare(a, b))).toBe(compareRational(toRational(a), toRational(b)));
        expect(ends.sign(a)).toBe(signOfRational(toRational(a)));
      }),
      { numRuns: 2000 },
    );
  });

  it('should round integers and rationals outward, open exactly when inexact', () => {
    const integer = fc.oneof(
      fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }),
      fc.bigInt({ min: -(2n ** 1100n), max: 2n ** 1100n }),
    );
    const denominator = fc.oneof(
      fc.bigInt({ min: 1n, max: 1000n }),
      fc.integer({ min: 0, max: 1100 }).map((k) => 1n << BigInt(k)),
    );
    fc.assert(
      fc.property(integer, denominator, fc.boolean(), direction, (n, d, negativeDenominator, toward) => {
        expectDirected(ends.integer(n, toward), { m: n, e: 0, d: 1n }, toward);
        const exact: Rational = { m: n, e: 0, d };
        fastEngine.run(FAST_BITS, (arith) => {
          const [numerator, divisor] = negativeDenominator ? [-n, -d] : [n, d];
          const enclosure = arith.fromRational(numerator, divisor) as unknown as { lo: DD; hi: DD };
          const { loOpen, hiOpen } = openFlags(enclosure);
          expect(compareWith(enclosure.lo, exact)).toBe(loOpen ? -1 : 0);
          expect(compareWith(enclosure.hi, exact)).toBe(hiOpen ? 1 : 0);
          return 0;
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('should round m·2^e/d to within 2^g of it, g = max(E − 106, −1074) for 2^E ≤ |v| (REF-12.3)', () => {
    const rational = fc.record({
      m: fc.oneof(fc.bigInt({ min: -(2n ** 120n), max: 2n ** 120n }), fc.bigInt({ min: -1000n, max: 1000n })),
      e: fc.integer({ min: -1250, max: 1100 }),
      d: fc.oneof(fc.bigInt({ min: 1n, max: 2n ** 70n }), fc.constant(1n)),
    });
    fc.assert(
      fc.property(rational, direction, (v, toward) => {
        const result = roundRational(v, toward);
        const size = abs(v);
        if (compareRational(size, { m: 1n, e: 1024, d: 1n }) >= 0) {
          const beyond = v.m > 0n === (toward === UP) ? Infinity : Number.MAX_VALUE;
          expect(result).toEqual({ value: { h: Math.sign(Number(v.m)) * beyond, l: 0 }, exact: false });
          return;
        }
        expectDirected(result, v, toward);
        const error = abs(addRational(toRational(result.value), negRational(v)));
        const relative = compareRational({ ...error, e: error.e + 106 }, size) <= 0;
        expect(relative || compareRational(error, { m: 1n, e: -1074, d: 1n }) <= 0).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('should round beyond the largest double to it toward zero and to ∞ away, a zero low part +0', () => {
    // Between the largest double 2^1024 − 2^971 and 2^1024: no exponent overflow, but RN is ∞.
    const v: Rational = { m: (1n << 1024n) - (1n << 969n), e: 0, d: 1n };
    expect(roundRational(v, DOWN)).toEqual({ value: dd(Number.MAX_VALUE), exact: false });
    expect(roundRational(v, UP)).toEqual({ value: dd(Infinity), exact: false });
    expect(roundRational(negRational(v), DOWN)).toEqual({ value: dd(-Infinity), exact: false });
    expect(roundRational(negRational(v), UP)).toEqual({ value: dd(-Number.MAX_VALUE), exact: false });
    expect(Object.is(ends.integer(-3n, DOWN).value.l, 0)).toBe(true);
  });

  it('should print ends rounded outward', () => {
    fc.assert(
      fc.property(doubleDouble, fc.constantFrom(3, 17, 40), direction, (a, digits, toward) => {
        const printed = new Exact(ends.toDecimal(a, digits, toward));
        const exact = new Exact(a.h === 0 ? '0' : exactRealToString(exactOf(toRational(a))));
        expect(Math.sign(printed.cmp(exact)) * toward).toBeGreaterThanOrEqual(0);
        expect(printed.sd()).toBeLessThanOrEqual(digits);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('double-double building blocks (REF-12.1, REF-12.2)', () => {
  const within = (lo: number, hi: number) => (a: DD) => Math.abs(a.h) >= lo && Math.abs(a.h) < hi;
  /** |approximation − exact| ≤ bound·u², in rationals. */
  const expectWithin = (approximation: DD, exact: Rational, bound: Rational) => {
    expect(isNormalized(approximation)).toBe(true);
    const error = abs(addRational(toRational(approximation), negRational(exact)));
    expect(compareRational({ ...error, e: error.e + 106 }, bound)).toBeLessThanOrEqual(0);
  };
  // 8(1 + 4u) and 3(1 + 4u): 8 + 2^−48 and 3 + 3·2^−51.
  const [EIGHT, THREE] = [
    { m: (8n << 48n) + 1n, e: -48, d: 1n },
    { m: (3n << 51n) + 3n, e: -51, d: 1n },
  ];

  it('should multiply within 8u²(1 + 4u) of the product and add within 3u²(1 + 4u) of the operands, normalized', () => {
    const operand = doubleDouble.filter(within(2 ** -440, 2 ** 490));
    fc.assert(
      fc.property(operand, operand, (x, y) => {
        const product = mulRational(toRational(x), toRational(y));
        expectWithin(mulApprox(x, y), product, mulRational(EIGHT, abs(product)));
        const magnitudes = addRational(abs(toRational(x)), abs(toRational(y)));
        expectWithin(addApprox(x, y), addRational(toRational(x), toRational(y)), mulRational(THREE, magnitudes));
      }),
      { numRuns: 3000 },
    );
  });

  it('should make zero +0 (REF-12.1)', () => {
    expect(Object.is(dd(-0).h, 0)).toBe(true);
    expect(Object.is(negate(ZERO).h, 0) && Object.is(negate(ZERO).l, 0)).toBe(true);
  });
});

/** The midpoint above a positive dtype value, plus an offset of `offset` half-gaps, as a double-double. */
function nearMidpoint(x: number, dtype: Dtype, offset: number): DD {
  const fmt = FORMATS[dtype];
  const quantum = 2 ** (Math.max(exponentOf(x), fmt.emin) - fmt.precision + 1);
  return twoSum(x, (quantum / 2) * (1 + offset));
}

describe('fast engine rounding of double-doubles into every dtype (REF-5.2, REF-5.3, REF-12.1)', () => {
  const tie = fc.constantFrom<Tie>('even', 'up', 'down');
  it('should round as the exact BigInt rounding does, ties included', () => {
    fc.assert(
      fc.property(doubleDouble, fc.constantFrom(...DTYPES), tie, (a, dtype, t) => {
        expect(Object.is(ends.round(a, dtype, t), roundExact(exactOf(toRational(a)), dtype, t))).toBe(true);
      }),
      { numRuns: 4000 },
    );
  });

  it('should break ties at exact midpoints and round values just beside them away', () => {
    const value = fc.constantFrom(...DTYPES).chain((dtype) =>
      fc.record({
        dtype: fc.constant(dtype),
        x: fc
          .double({ min: FORMATS[dtype].minSubnormal, max: FORMATS[dtype].maxFinite, noNaN: true })
          .map(roundTo(dtype))
          .filter((x) => x > 0 && x < FORMATS[dtype].maxFinite),
        offset: fc.constantFrom(0, 2 ** -60, -(2 ** -60), 2 ** -40, -(2 ** -52)),
        negative: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(value, tie, ({ dtype, x, offset, negative }, t) => {
        const positive = nearMidpoint(x, dtype, offset);
        const a = negative ? { h: -positive.h, l: -positive.l } : positive;
        expect(Object.is(ends.round(a, dtype, t), roundExact(exactOf(toRational(a)), dtype, t))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
