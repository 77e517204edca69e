import { describe, expect, it } from 'vitest';
import { DTYPES } from '../../src/case/types.js';
import { FORMATS } from '../../src/numeric/dtype.js';
import { NeedMorePrecision, type IntervalArithmetic } from '../../src/reference/arithmetic.js';
import { exactDecimal } from '../../src/reference/exact.js';
import { certifyValue } from '../../src/reference/ziv.js';
import { ENGINES, Exact, containsValue, enclosureAt, type ExactEnclosure } from './engines.js';

// 105 correct digits each; the error of each constant is below 1e-104.
const E = new Exact(
  '2.71828182845904523536028747135266249775724709369995957496696762772407663035354759457138217852516642742746',
);
const LN2 = new Exact(
  '0.693147180559945309417232121458176568075500134360255254120680009493393621969694715605863326996418687542001',
);
const LN10 = new Exact(
  '2.30258509299404568401799145468436420760110148862877297603332790096757260967735248023599720508959829834196',
);
const CONSTANT_ERROR = new Exact('1e-104');

/** The enclosure contains every number within the constant's error of c·k. */
function containsConstant(enclosure: ExactEnclosure, constant: InstanceType<typeof Exact>, k = 1): boolean {
  const center = constant.mul(k);
  const radius = CONSTANT_ERROR.mul(Math.abs(k));
  return containsValue(enclosure, center.sub(radius)) && containsValue(enclosure, center.add(radius));
}

type Unary = <I>(a: IntervalArithmetic<I>) => I;

describe.each(ENGINES.map((engine) => [engine.name, engine] as const))(
  '%s engine operations (REF-3, REF-4)',
  (_, engine) => {
    const at = (evaluate: Unary, bits = 128): ExactEnclosure => enclosureAt(engine, bits, evaluate);
    const certified = (dtype: (typeof DTYPES)[number], evaluate: Unary): number =>
      certifyValue(engine, dtype, evaluate).value;

    it('should enclose e, 1/e, ln 2 and ln 10 at several precisions (REF-4.1, REF-4.2, REF-8.3)', () => {
      for (const bits of [64, 128, 333]) {
        expect(
          containsConstant(
            at((a) => a.exp(a.fromDouble(1)), bits),
            E,
          ),
        ).toBe(true);
        expect(
          containsConstant(
            at((a) => a.div(a.fromDouble(1), a.exp(a.fromDouble(-1))), bits),
            E,
          ),
        ).toBe(true);
        expect(
          containsConstant(
            at((a) => a.log(a.fromDouble(2)), bits),
            LN2,
          ),
        ).toBe(true);
        expect(
          containsConstant(
            at((a) => a.log1p(a.fromDouble(1)), bits),
            LN2,
          ),
        ).toBe(true);
        expect(
          containsConstant(
            at((a) => a.log(a.fromDouble(0.5)), bits),
            LN2,
            -1,
          ),
        ).toBe(true);
        expect(
          containsConstant(
            at((a) => a.log1p(a.fromDouble(-0.5)), bits),
            LN2,
            -1,
          ),
        ).toBe(true);
        expect(
          containsConstant(
            at((a) => a.log(a.fromDouble(10)), bits),
            LN10,
          ),
        ).toBe(true);
        expect(
          containsConstant(
            at((a) => a.log(a.fromDouble(2 ** -1074)), bits),
            LN2,
            -1074,
          ),
        ).toBe(true);
        expect(
          containsConstant(
            at((a) => a.log(a.exp(a.fromDouble(2))), bits),
            LN2.mul(0).add(2),
          ),
        ).toBe(true);
      }
    });

    it('should keep log1p(±1e-300) and log1p(2^-1074) at full relative precision (REF-4.3)', () => {
      for (const x of [1e-300, -1e-300, 2 ** -1074, -(2 ** -1074), 3e-17]) {
        // log1p(x) is within |x|^5 of x − x²/2 + x³/3 − x⁴/4, far inside a 128-bit enclosure.
        const exact = exactDecimal(x, Exact);
        const fourthOrder = exact.sub(exact.pow(2).div(2)).add(exact.pow(3).div(3)).sub(exact.pow(4).div(4));
        const remainder = exact.abs().pow(5);
        const enclosure = at((a) => a.log1p(a.fromDouble(x)));
        expect(containsValue(enclosure, fourthOrder.sub(remainder))).toBe(true);
        expect(containsValue(enclosure, fourthOrder.add(remainder))).toBe(true);
      }
      expect(certified('float64', (a) => a.log1p(a.fromDouble(1e-300)))).toBe(1e-300);
      expect(certified('float64', (a) => a.log1p(a.fromDouble(-1e-300)))).toBe(-1e-300);
      expect(certified('float64', (a) => a.log1p(a.fromDouble(2 ** -1074)))).toBe(2 ** -1074);
      // log(1 + ε) = ε − ε²/2 + ε³/3 − … for ε = 2^−52: ε − ε²/2 = 2^−52 − 2^−105 is the double
      // below ε (the spacing under a power of 2 halves), and ε³/3 is far under half that spacing.
      expect(certified('float64', (a) => a.log(a.fromDouble(1 + 2 ** -52)))).toBe(2 ** -52 - 2 ** -105);
    });

    it('should underflow exp of very negative arguments to zero with a certain sign (REF-4.5, REF-6.2)', () => {
      for (const x of [-1e6, -(2 ** 28), -1e9, -1e300, -Number.MAX_VALUE]) {
        for (const dtype of DTYPES) {
          expect(
            Object.is(
              certified(dtype, (a) => a.exp(a.fromDouble(x))),
              0,
            ),
          ).toBe(true);
          expect(
            Object.is(
              certified(dtype, (a) => a.neg(a.exp(a.fromDouble(x)))),
              -0,
            ),
          ).toBe(true);
          // Still 0 after scaling by the largest finite double.
          expect(certified(dtype, (a) => a.mul(a.exp(a.fromDouble(x)), a.fromDouble(FORMATS[dtype].maxFinite)))).toBe(
            0,
          );
        }
      }
      expect(at((a) => a.exp(a.fromDouble(-1e6))).lo.gt(0)).toBe(true);
    });

    it('should overflow exp to infinity where the dtype does (REF-4.5)', () => {
      expect(certified('float64', (a) => a.exp(a.fromDouble(709.78)))).toBe(Math.exp(709.78));
      expect(certified('float64', (a) => a.exp(a.fromDouble(709.79)))).toBe(Infinity);
      expect(certified('float32', (a) => a.exp(a.fromDouble(88.73)))).toBe(Infinity);
      expect(certified('float16', (a) => a.exp(a.fromDouble(11.1)))).toBe(Infinity);
      expect(certified('float64', (a) => a.exp(a.fromDouble(1e300)))).toBe(Infinity);
    });

    it('should round a dtype midpoint plus or minus e^-300000 away from the midpoint at 128 bits (REF-5.4)', () => {
      // 599707.03125 is the float32 midpoint between 599707 and 599707.0625.
      for (const [sign, expected] of [
        [1, 599707.0625],
        [-1, 599707],
      ] as const) {
        const { value, stats } = certifyValue(engine, 'float32', (a) => {
          const tiny = a.exp(a.fromDouble(-300000));
          return a.add(a.fromDouble(599707.03125), sign > 0 ? tiny : a.neg(tiny));
        });
        expect(value).toBe(expected);
        expect(stats.bits).toBe(128);
      }
    });

    it('should enclose exact rationals (REF-2.2)', () => {
      const third = at((a) => a.fromRational(1n, 3n));
      expect(third.lo.mul(3).lte(1) && third.hi.mul(3).gte(1)).toBe(true);
      expect(certified('float64', (a) => a.fromRational(2n ** 200n + 1n, 2n ** 200n))).toBe(1);
      expect(certified('float32', (a) => a.fromRational(-(10n ** 40n), 3n))).toBe(Math.fround(-(10 ** 40) / 3));
      expect(certified('float64', (a) => a.fromRational(1n, 10n))).toBe(0.1);
    });

    it('should reject arguments outside the domains and ask for precision when undecided (REF-3.3, REF-4.4)', () => {
      expect(() => engine.run(128, (a) => a.log(a.fromDouble(0)))).toThrow(RangeError);
      expect(() => engine.run(128, (a) => a.log(a.fromDouble(-1)))).toThrow(RangeError);
      expect(() => engine.run(128, (a) => a.log1p(a.fromDouble(-1)))).toThrow(RangeError);
      expect(() => engine.run(128, (a) => a.div(a.fromDouble(1), a.fromDouble(0)))).toThrow(RangeError);
      expect(() => engine.run(128, (a) => a.fromDouble(NaN))).toThrow(RangeError);
      // e^(2e−30) − e^(1e−30) ≈ 1e−30: at 64 bits both exponentials enclose 1, so the difference straddles 0.
      const undecided = <I>(a: IntervalArithmetic<I>): I =>
        a.sub(a.exp(a.fromDouble(2e-30)), a.exp(a.fromDouble(1e-30)));
      expect(() => engine.run(64, (a) => a.log(undecided(a)))).toThrow(NeedMorePrecision);
      expect(() => engine.run(64, (a) => a.div(a.fromDouble(1), undecided(a)))).toThrow(NeedMorePrecision);
      expect(() => engine.run(64, (a) => a.definiteSign(undecided(a)))).toThrow(NeedMorePrecision);
      expect(engine.run(64, (a) => a.sign(undecided(a)))).toBeUndefined();
      expect(engine.run(256, (a) => a.sign(undecided(a)))).toBe(1);
    });

    it('should take the max of overlapping enclosures monotonically', () => {
      const third = <I>(a: IntervalArithmetic<I>): I => a.fromRational(1n, 3n);
      expect(certified('float64', (a) => a.max(third(a), a.fromDouble(0.25)))).toBe(1 / 3);
      expect(certified('float64', (a) => a.max(a.fromDouble(0.25), third(a)))).toBe(1 / 3);
      expect(certified('float64', (a) => a.max(a.log(a.fromDouble(1e-300)), a.fromDouble(-100)))).toBe(-100);
      expect(engine.run(128, (a) => a.sign(a.sub(a.fromDouble(2), a.fromDouble(2))))).toBe(0);
    });

    it('should print outward bounds', () => {
      const { lo, hi } = engine.run(128, (a) => a.bounds(a.fromRational(2n, 3n), 5));
      // 2/3 = 0.666666…: five digits rounded down and up.
      expect([Number(lo), Number(hi)]).toEqual([0.66666, 0.66667]);
    });
  },
);
