/**
 * Class weights scaled by 2^k (CE-5.2, RED-3.1, RED-3.2): the loss and gradient scale by 2^k, except
 * the mean of index targets under Σ w_t (PRO-6), which does not change. Catches a mean divided by
 * a count instead of Σ w_t, and weights applied to one term only.
 */
import fc from 'fast-check';
import { lossCase } from '../../arbitraries/lossCase.js';
import { weights } from '../../arbitraries/weights.js';
import type { CaseJson } from '../family.js';
import { answers } from './answers.js';
import { sameRelation, type Invariant, type Related } from './invariant.js';
import { encoded, layoutOf, numbers } from './layout.js';
import { judgeRelations, matching } from './relations.js';
import { validated } from './twins.js';

interface Scaled extends Related {
  /** k of 2^k: 1..3 keeps every weight ≤ 32 and exact (weights ≥ 2^-20 only move up). */
  readonly k: number;
}

/** The factor on the loss and gradient: 1 for a mean over Σ w_t, else 2^k. */
function factor(json: CaseJson, k: number): number {
  const c = validated(json);
  const overWeights =
    c.reduction === 'mean' && c.labels !== undefined && c.rules.indexMeanDenominator === 'targetWeights';
  return overWeights ? 1 : 2 ** k;
}

export const weightScale: Invariant<Scaled> = {
  name: 'weightScale',
  clauses: ['CE-5.2', 'RED-3.1', 'RED-3.2', 'PRO-6', 'TOL-REL'],
  losses: ['softmax_cross_entropy', 'negative_log_likelihood'],
  applies: ({ rules }) => rules.classWeights,
  arbitrary: (where) =>
    lossCase(where).chain((json) => {
      // Added weights are nonzero: D = 0 would make the mean's gradient GRAD-3's convention (softmaxCase.ts).
      const weight = json.weight
        ? fc.constant(json.weight as number[])
        : weights({ dtype: where.dtype, length: layoutOf(json).classes, zeros: false });
      // ZL-5: no z-loss with class weights.
      const unweighted = { ...json, zLoss: undefined };
      return fc.record({ json: weight.map((w) => ({ ...unweighted, weight: w })), k: fc.integer({ min: 1, max: 3 }) });
    }),
  relatedAt: sameRelation,
  judge: async ({ json, k }, ctx) => {
    const scaled = { ...json, weight: encoded(numbers(json, 'weight').map((w) => w * 2 ** k)) };
    const [base, other] = await answers(ctx, [
      [json, 'the case'],
      [scaled, `weights × 2^${k}`],
    ]);
    const f = factor(json, k);
    const what = `class weights × 2^${k} scale the ${json.reduction} loss and gradient by ${f} (CE-5.2, RED-3)`;
    return judgeRelations(
      [
        ...matching(what, other!, base!, 'loss', undefined, f),
        ...matching(what, other!, base!, 'grad', undefined, f),
        ...matching(what, other!, base!, 'logProb'),
      ],
      ctx.level,
    );
  },
};
