/**
 * Pairs of logits (a, a + z) whose difference z is exact, for the two-class softmax row whose
 * BCE-with-logits twin takes z (CE-2.1, BCEL-1): a and z are multiples of 2^(E − p + 2) up to
 * 2^E, so a + z (up to 2^(E+1)) and z are dtype values.
 */
import fc from 'fast-check';
import type { Dtype } from '../../src/case/types.js';
import { FORMATS } from '../../src/numeric/dtype.js';

export interface LogitPairsConstraints {
  readonly dtype: Dtype;
  readonly length: number;
  /** The largest E (|a|, |z| ≤ 2^E): 2^10 reaches losses near 1000 and tiny ones. @defaultValue 10 */
  readonly maxExponent?: number;
}

export interface LogitPairs {
  /** a: the first logit of each row. */
  readonly base: number[];
  /** z: the second logit minus the first. */
  readonly difference: number[];
}

export function logitPairs(c: LogitPairsConstraints): fc.Arbitrary<LogitPairs> {
  const top = Math.min(c.maxExponent ?? 10, FORMATS[c.dtype].emax - 1);
  return fc.integer({ min: 0, max: top }).chain((e) => {
    const step = 2 ** (e - FORMATS[c.dtype].precision + 2);
    const value = fc.double({ min: -(2 ** e), max: 2 ** e, noNaN: true }).map((v) => Math.round(v / step) * step + 0);
    const values = fc.array(value, { minLength: c.length, maxLength: c.length });
    return fc.record({ base: values, difference: values });
  });
}
