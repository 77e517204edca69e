/**
 * Upstream gradients (spec/losses.md#UP-1): one per position under `none`, one otherwise, members
 * of the dtype, absent (1) half the time. Not only 1: a backward exercised only with 1 hid wrong gradients
 * in TransformerEngine (PRs 2139, 1879) and Liger-Kernel (PRs 1298, 680).
 */
import fc from 'fast-check';
import type { Dtype, Reduction } from '../../src/case/types.js';
import { roundTo } from '../../src/numeric/dtype.js';

export interface UpstreamConstraints {
  readonly dtype: Dtype;
  readonly reduction: Reduction;
  /** Positions (elements for the binary losses). */
  readonly positions: number;
  /** How often it is absent, as fast-check's `freq` (absent 1 time in freq). @defaultValue 2 */
  readonly absentFreq?: number;
}

export function upstream(constraints: UpstreamConstraints): fc.Arbitrary<number[] | undefined> {
  const size = constraints.reduction === 'none' ? constraints.positions : 1;
  const value = fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(0, 1, -1, 0.5) },
    { weight: 3, arbitrary: fc.double({ min: -4, max: 4, noNaN: true }).map(roundTo(constraints.dtype)) },
  );
  return fc.option(fc.array(value, { minLength: size, maxLength: size }), {
    nil: undefined,
    freq: constraints.absentFreq ?? 2,
  });
}
