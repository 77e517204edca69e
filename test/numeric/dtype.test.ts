import fc from 'fast-check';
import { f16round } from '@petamoriken/float16';
import { describe, expect, it } from 'vitest';
import { exponentOf, FORMATS, isRepresentable, roundTo, roundToFormat } from '../../src/numeric/dtype.js';
import { ordinal } from '../../src/numeric/ulp.js';
import { DTYPES, type Dtype } from '../../src/case/types.js';

const anyDouble = fc.double();

/** The dtype values just below and above a dtype value, from its ordinal. */
function neighbours(r: number, dtype: Dtype): [number, number] {
  const step = (direction: number): number => {
    let candidate = r;
    // Walk binary64 doubles until the ordinal changes: fine for narrow formats, by halving.
    let delta = Math.max(Math.abs(r) * 2 ** -(FORMATS[dtype].precision - 1), FORMATS[dtype].minSubnormal);
    while (ordinal(roundTo(dtype)(candidate + direction * delta), dtype) === ordinal(r, dtype)) delta *= 2;
    candidate = roundTo(dtype)(r + direction * delta);
    return candidate;
  };
  return [step(-1), step(1)];
}

describe('roundToFormat (DT-3)', () => {
  it('should agree with Math.fround and f16round, which round correctly by definition', () => {
    fc.assert(
      fc.property(anyDouble, (x) => {
        expect(Object.is(roundToFormat(x, FORMATS.float32), Math.fround(x))).toBe(true);
        expect(Object.is(roundToFormat(x, FORMATS.float16), f16round(x))).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });

  it('should give bfloat16 values: a float32 whose low 16 bits are zero', () => {
    const view = new DataView(new ArrayBuffer(4));
    fc.assert(
      fc.property(anyDouble, (x) => {
        const r = roundTo('bfloat16')(x);
        if (Number.isNaN(r)) return;
        view.setFloat32(0, r);
        expect(view.getUint16(2)).toBe(0);
        expect(Math.fround(r)).toBe(r);
      }),
      { numRuns: 5000 },
    );
  });

  it('should round bfloat16 to the nearest value, ties to even', () => {
    const round = roundTo('bfloat16');
    expect(round(1 + 2 ** -8)).toBe(1); // tie, 1 is even
    expect(round(1 + 3 * 2 ** -8)).toBe(1 + 2 ** -6); // tie, up to even
    expect(round(1 + 2 ** -8 + 2 ** -30)).toBe(1 + 2 ** -7);
    expect(round(2 ** -133)).toBe(2 ** -133); // smallest subnormal
    expect(round(2 ** -134)).toBe(0); // tie with 0: even
    expect(round(1.5 * 2 ** -134)).toBe(2 ** -133);
    const max = FORMATS.bfloat16.maxFinite;
    expect(round(max)).toBe(max);
    expect(round(max + 2 ** 119)).toBe(Infinity); // max + ulp/2 rounds to infinity
    expect(round(max + 2 ** 118)).toBe(max);
    expect(Object.is(round(-1e-50), -0)).toBe(true);
  });

  it('should pick a nearest neighbour in every dtype (property)', () => {
    for (const dtype of ['float16', 'bfloat16'] as const) {
      fc.assert(
        fc.property(fc.double({ noNaN: true, min: -1e4, max: 1e4 }), (x) => {
          const r = roundTo(dtype)(x);
          const [below, above] = neighbours(r, dtype);
          expect(Math.abs(x - r)).toBeLessThanOrEqual(Math.abs(x - below));
          expect(Math.abs(x - r)).toBeLessThanOrEqual(Math.abs(x - above));
        }),
        { numRuns: 2000 },
      );
    }
  });
});

describe('exponentOf', () => {
  it('should give the exact binary exponent, even just below a power of two', () => {
    expect(exponentOf(1)).toBe(0);
    expect(exponentOf(2 - 2 ** -52)).toBe(0);
    expect(exponentOf(-0.75)).toBe(-1);
    expect(exponentOf(Number.MAX_VALUE)).toBe(1023);
  });
});

describe('isRepresentable (DT-2)', () => {
  it('should accept members, NaN and infinities, and reject the rest', () => {
    for (const dtype of DTYPES) {
      expect(isRepresentable(NaN, dtype)).toBe(true);
      expect(isRepresentable(-Infinity, dtype)).toBe(true);
      expect(isRepresentable(0.5, dtype)).toBe(true);
      expect(isRepresentable(FORMATS[dtype].maxFinite, dtype)).toBe(true);
    }
    expect(isRepresentable(0.1, 'float32')).toBe(false);
    expect(isRepresentable(0.1, 'float64')).toBe(true);
    expect(isRepresentable(257, 'bfloat16')).toBe(false);
    expect(isRepresentable(2049, 'float16')).toBe(false);
  });
});
