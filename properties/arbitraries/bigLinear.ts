/**
 * Linear CE over a vocabulary of many classes (131072 by default): a few rows of h [N, D] and a
 * classifier W [V, D] drawn by a PRNG from a seed, like bigRow.ts — described by a few numbers, so
 * that it prints and replays as its description does, not shrunk. bfloat16 inputs where a kernel
 * must accumulate in float32 (TOL-OPMATH): loss and lse only (the reference's gradients of such a
 * case take minutes).
 */
import fc from 'fast-check';
import type { Dtype, ProfileName } from '../../src/case/types.js';
import { roundTo } from '../../src/numeric/dtype.js';
import { prng } from './bigRow.js';
import type { CaseJson } from './softmaxCase.js';

export interface BigLinearConstraints {
  readonly dtype: Dtype;
  /** @defaultValue 'torch' */
  readonly profile?: ProfileName;
  /** V. @defaultValue 131072 */
  readonly classes?: number;
  /** D. @defaultValue 2 */
  readonly hidden?: number;
  /** N. @defaultValue 2 */
  readonly rows?: number;
}

export function bigLinear(c: BigLinearConstraints): fc.Arbitrary<CaseJson> {
  const [V, D, N] = [c.classes ?? 131072, c.hidden ?? 2, c.rows ?? 2];
  const round = roundTo(c.dtype);
  const description = fc.record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    scale: fc.constantFrom(1, 8),
    targets: fc.array(fc.nat({ max: V - 1 }), { minLength: N, maxLength: N }),
    reduction: fc.constantFrom('mean', 'sum'),
  });
  return fc.noShrink(description).map((d) => {
    const next = prng(d.seed);
    const value = (bound: number) => round(bound * (2 * next() - 1));
    return {
      id: `big-linear-${V}-${d.seed}`,
      loss: 'linear_cross_entropy',
      dtype: c.dtype,
      profile: c.profile ?? 'torch',
      shape: [N, D],
      input: Array.from({ length: N * D }, () => value(d.scale)),
      linearWeight: Array.from({ length: V * D }, () => value(1)),
      target: d.targets,
      reduction: d.reduction,
      outputs: ['loss', 'lse'],
    };
  });
}
