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

describe('rounderFor: one class per format that V8 can inline (DT-3; the module header)', () => {
  it('should give float64 and float32 classes of their own, and the narrow formats one shared class', () => {
    const classOf = (dtype: (typeof DTYPES)[number]) => Object.getPrototypeOf(rounderFor(dtype)) as object;
    expect(new Set(DTYPES.map(classOf)).size).toBe(3);
    expect(classOf('float16')).toBe(classOf('bfloat16'));
    expect(classOf('float64')).not.toBe(classOf('float16'));
    expect(classOf('float32')).not.toBe(classOf('float16'));
  });
});
