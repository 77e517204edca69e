import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DTYPES } from '../../src/case/types.js';
import { roundTo } from '../../src/numeric/dtype.js';
import { rounderFor } from '../../src/numeric/rounder.js';

describe('rounderFor (DT-3)', () => {
  it.each(DTYPES)('should round into %s exactly as roundTo does, as a method and as a function', (dtype) => {
    const rounder = rounderFor(dtype);
    const round = roundTo(dtype);
    fc.assert(
      fc.property(fc.double(), (x) => {
        expect(rounder.round(x)).toBe(round(x));
        expect(rounder.rounding(x)).toBe(round(x));
      }),
      { numRuns: 2000 },
    );
  });

  it('should round where the formats differ: 1 + 2^-30 stays in float64 only', () => {
    const x = 1 + 2 ** -30;
    expect(DTYPES.map((d) => rounderFor(d).round(x))).toEqual([x, 1, 1, 1]);
  });
});
