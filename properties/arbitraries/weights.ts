/**
 * Weights in the dtype: class weights (CE-5), element weights (BCE-5), pos_weight (BCEL-2).
 */
import fc from 'fast-check';
import type { Dtype } from '../../src/case/types.js';
import { roundTo } from '../../src/numeric/dtype.js';

export interface WeightsConstraints {
  readonly dtype: Dtype;
  readonly length: number;
  /**
   * The smallest nonzero weight. Far below it products of weights and losses only measure the
   * dtype's underflow, not the loss. @defaultValue 2^-20
   */
  readonly min?: number;
  /** @defaultValue 4 */
  readonly max?: number;
  /** Whether exact zeros come often (RED-4, PRO-6 tfjs). @defaultValue true */
  readonly zeros?: boolean;
}

export function weights(constraints: WeightsConstraints): fc.Arbitrary<number[]> {
  const value = fc
    .double({ min: constraints.min ?? 2 ** -20, max: constraints.max ?? 4, noNaN: true })
    .map(roundTo(constraints.dtype));
  const entry =
    constraints.zeros === false
      ? value
      : fc.oneof({ weight: 5, arbitrary: value }, { weight: 1, arbitrary: fc.constant(0) });
  return fc.array(entry, { minLength: constraints.length, maxLength: constraints.length });
}
