import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DTYPES, type Dtype } from '../../src/case/types.js';
import { FORMATS, exponentOf, roundTo } from '../../src/numeric/dtype.js';
import { exactReal } from '../../src/reference/exact.js';
import { roundExact } from '../../src/reference/rounding.js';
import { certifyValue } from '../../src/reference/ziv.js';
import { ENGINES } from './engines.js';

/** A dyadic m·2^e whose exponent spans each dtype's subnormals and overflow. */
function dyadicIn(dtype: Dtype): fc.Arbitrary<{ m: bigint; e: number }> {
  const { emin, emax, precision } = FORMATS[dtype];
  return fc.record({
    m: fc.bigInt({ min: -(2n ** 90n), max: 2n ** 90n }),
    e: fc.integer({ min: emin - precision - 95, max: emax - 85 }),
  });
}

/** The midpoint of a positive dtype value and its successor, as a fraction. */
function midpointFraction(a: number, dtype: Dtype): { numerator: bigint; denominator: bigint } {
  const { coefficient, exponent } = exactReal(a);
  const fmt = FORMATS[dtype];
  const q = Math.max(exponentOf(a), fmt.emin) - fmt.precision + 1; // a = atQ·2^q
  const numerator = 2n * (coefficient << BigInt(exponent - q)) + 1n; // midpoint = numerator·2^(q−1)
  return q - 1 >= 0
    ? { numerator: numerator << BigInt(q - 1), denominator: 1n }
    : { numerator, denominator: 1n << BigInt(1 - q) };
}

/** The last significand bit of a positive dtype value is 0. */
function isEven(a: number, dtype: Dtype): boolean {
  const fmt = FORMATS[dtype];
  return (a / 2 ** (Math.max(exponentOf(a), fmt.emin) - fmt.precision + 1)) % 2 === 0;
}

describe.each(ENGINES.map((engine) => [engine.name, engine] as const))(
  '%s engine rounding of exact values (REF-5.2, REF-5.3, REF-5.4)',
  (_, engine) => {
    for (const dtype of DTYPES) {
      // Exact in both engines: these bits hold every dyadic of the dtype's range as a decimal.
      const bits = dtype === 'float64' ? 3200 : 1024;
      it(`should round exact dyadics into ${dtype} as the BigInt rounding does`, () => {
        fc.assert(
          fc.property(dyadicIn(dtype), ({ m, e }) => {
            const [numerator, denominator] = e >= 0 ? [m << BigInt(e), 1n] : [m, 1n << BigInt(-e)];
            const expected = roundExact(
              { negative: m < 0n, coefficient: m < 0n ? -m : m, exponent: e, radix: 2 },
              dtype,
            );
            const rounded = engine.run(bits, (a) => a.round(a.fromRational(numerator, denominator), dtype));
            expect(Object.is(rounded, expected)).toBe(true);
          }),
          { numRuns: 300 },
        );
      });

      it(`should break ties at exact ${dtype} midpoints to even, and away from them when strictly beside`, () => {
        const value = fc
          .double({ min: FORMATS[dtype].minSubnormal, max: FORMATS[dtype].maxFinite, noNaN: true })
          .map(roundTo(dtype))
          .filter((x) => x > 0 && x < FORMATS[dtype].maxFinite);
        // e^−1e5 at 3200 bits is slow in decimal.js: fewer runs there.
        const numRuns = engine.name === 'decimal' && bits > 1024 ? 15 : 100;
        fc.assert(
          fc.property(value, (a) => {
            const { numerator, denominator } = midpointFraction(a, dtype);
            const certify = (shift: -1 | 0 | 1): number =>
              certifyValue(
                engine,
                dtype,
                (ar) => {
                  const mid = ar.fromRational(numerator, denominator);
                  const tiny = ar.exp(ar.fromDouble(-1e5));
                  return shift === 0 ? mid : shift > 0 ? ar.add(mid, tiny) : ar.sub(mid, tiny);
                },
                { startBits: bits },
              ).value;
            const above = certify(1);
            expect(certify(-1)).toBe(a);
            expect(above).toBeGreaterThan(a);
            expect(certify(0)).toBe(isEven(a, dtype) ? a : above);
          }),
          { numRuns },
        );
      });
    }
  },
);

describe.each(ENGINES.map((engine) => [engine.name, engine] as const))(
  '%s engine overflow threshold (REF-5)',
  (_, engine) => {
    it('should overflow exactly at max + ulp(max)/2 and not just below it, in every dtype', () => {
      for (const dtype of DTYPES) {
        const { maxFinite } = FORMATS[dtype];
        const { numerator, denominator } = midpointFraction(maxFinite, dtype);
        const threshold = (shift: -1 | 0 | 1): number =>
          certifyValue(engine, dtype, (a) => {
            const mid = a.fromRational(numerator, denominator);
            const tiny = a.exp(a.fromDouble(-1e4));
            return shift === 0 ? mid : shift > 0 ? a.add(mid, tiny) : a.sub(mid, tiny);
          }).value;
        expect(threshold(0)).toBe(Infinity);
        expect(threshold(1)).toBe(Infinity);
        expect(threshold(-1)).toBe(maxFinite);
      }
    });
  },
);
