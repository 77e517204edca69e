/**
 * Binary targets y in [0, 1] whose complement 1 − y is a dtype value too (multiples of 2^-p): the
 * relations that swap y and 1 − y (BCEL-1's symmetry, CE's two-class rows [1 − y, y]) need both.
 */
import fc from 'fast-check';
import type { Dtype } from '../../src/case/types.js';
import { FORMATS } from '../../src/numeric/dtype.js';

export interface ComplementableTargetsConstraints {
  readonly dtype: Dtype;
  readonly length: number;
}

export function complementableTargets(c: ComplementableTargetsConstraints): fc.Arbitrary<number[]> {
  const scale = 2 ** FORMATS[c.dtype].precision;
  const inside = fc.double({ min: 0, max: 1, noNaN: true }).map((v) => Math.round(v * scale) / scale);
  const value = fc.oneof({ weight: 3, arbitrary: inside }, { weight: 1, arbitrary: fc.constantFrom(0, 1, 0.5) });
  return fc.array(value, { minLength: c.length, maxLength: c.length });
}
