/**
 * Logits that can be shifted exactly (CE-2.1): a row moved by ±2^E must stay exact in the dtype,
 * or the shifted case is not the same problem. Values are multiples of the dtype's spacing at 2^E
 * with |x| ≤ 2^(E−1), so x ± 2^E is a dtype value; large E is the large common offset with a small
 * spread that catches `(m + log Σ) − x_t` (DESIGN: the rejected form).
 */
import fc from 'fast-check';
import type { Dtype } from '../../src/case/types.js';
import { FORMATS } from '../../src/numeric/dtype.js';

export interface ShiftableLogitsConstraints {
  readonly dtype: Dtype;
  /** How many logits (all rows together). */
  readonly length: number;
  /** How many rows (positions) get an offset each. */
  readonly positions: number;
  /** The largest |x|. @defaultValue 16 */
  readonly spread?: number;
}

export interface ShiftableLogits {
  readonly logits: number[];
  /** Each position's offset: 2^E, −2^E or 0 (rows moved apart test that each row is its own). */
  readonly offsets: number[];
}

/**
 * The largest E: the spacing at 2^E at most 4 (a spread of 16 keeps a few distinct values), and
 * x ± 2^E < 2^(E+1) below the largest finite value.
 */
function maxExponent(dtype: Dtype): number {
  const { precision, emax } = FORMATS[dtype];
  return Math.min(precision + 1, emax - 1);
}

export function shiftableLogits(c: ShiftableLogitsConstraints): fc.Arbitrary<ShiftableLogits> {
  const top = maxExponent(c.dtype);
  const exponent = fc.oneof(fc.integer({ min: 0, max: top }), fc.constant(top));
  return exponent.chain((e) => {
    const step = 2 ** (e - FORMATS[c.dtype].precision + 1);
    const bound = Math.min(c.spread ?? 16, 2 ** (e - 1));
    const value = fc
      .double({ min: -bound, max: bound, noNaN: true })
      .map((v) => Math.max(-bound, Math.min(bound, Math.round(v / step) * step)) + 0);
    const sign = fc.constantFrom(1, -1, 0);
    return fc.record({
      logits: fc.array(value, { minLength: c.length, maxLength: c.length }),
      offsets: fc.array(
        sign.map((s) => s * 2 ** e + 0),
        { minLength: c.positions, maxLength: c.positions },
      ),
    });
  });
}
