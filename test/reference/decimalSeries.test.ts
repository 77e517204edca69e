import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IntervalArithmetic } from '../../src/reference/arithmetic.js';
import { digitsForBits } from '../../src/reference/decimalEndpoints.js';
import { consistent, decimalEngine, enclosureAt, mpfrEngine, openFlags } from './engines.js';

/** Arguments around the series limit 1e−3, tiny ones, and exact doubles near −1 and 0. */
const smallArgument = fc.oneof(
  fc.double({ min: -1e-3, max: 1e-3, noNaN: true }),
  fc.double({ min: -2e-3, max: 2e-3, noNaN: true }),
  fc.integer({ min: -320, max: -1 }).map((k) => 10 ** k),
  fc.integer({ min: -320, max: -1 }).map((k) => -(10 ** k)),
  fc.constantFrom(1e-3, -1e-3, 2 ** -1074, -(2 ** -1074), 0.5, -0.5, -1 + 2 ** -53, 1e300),
);

describe('decimal.js log1p and log near 1 (REF-4.2, REF-4.3)', () => {
  for (const [name, f] of [
    ['log1p(x)', <I>(a: IntervalArithmetic<I>, x: number): I => a.log1p(a.fromDouble(x))],
    ['log(1 + x)', <I>(a: IntervalArithmetic<I>, x: number): I => a.log(a.add(a.fromDouble(1), a.fromDouble(x)))],
  ] as const) {
    it(`should enclose MPFR's 2048-bit ${name} at 128 and 600 bits`, () => {
      fc.assert(
        fc.property(smallArgument, (x) => {
          if (name === 'log(1 + x)' && x <= -1 + 2 ** -53) return;
          const narrow = enclosureAt(mpfrEngine, 2048, (a) => f(a, x), 700);
          for (const bits of [128, 600])
            expect(
              consistent(
                enclosureAt(decimalEngine, bits, (a) => f(a, x)),
                narrow,
              ),
            ).toBe(true);
        }),
        { numRuns: 400 },
      );
    });
  }

  it('should mark the series enclosure open on both sides', () => {
    const flags = decimalEngine.run(128, (a) => openFlags(a.log1p(a.fromDouble(1e-300))));
    expect(flags).toEqual({ loOpen: true, hiOpen: true });
  });

  it('should keep the working precision in the relative width of log1p(1e-300)', () => {
    const { lo, hi } = enclosureAt(decimalEngine, 128, (a) => a.log1p(a.fromDouble(1e-300)));
    // Each end rounded outward to P digits moves it at most 10^(1−P) relatively; the series, at P + 3
    // digits with its tail under 10^−(P+5) (REF-4.3), adds far less than a third.
    const spacing = 10 ** (1 - digitsForBits(128));
    expect(hi.sub(lo).div(lo).toNumber()).toBeLessThan(3 * spacing);
  });
});
