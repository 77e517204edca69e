/**
 * Reductions (RED-1..3, GRAD): `none` gives each position's loss as its own one-row case would,
 * and `mean` is `sum / D` for the loss and the gradient alike. Catches a wrong mean denominator,
 * ignored targets counted, means of micro-batch means, a `none` gradient scaled by D.
 */
import { lossCase } from '../../arbitraries/lossCase.js';
import type { CaseJson } from '../family.js';
import { answers, NoAnswer, type Answer } from './answers.js';
import { sameRelation, type Invariant, type Related } from './invariant.js';
import { layoutOf, positionCase, rowIndices, withReduction } from './layout.js';
import { meanDenominator } from './denominator.js';
import { judgeRelations, matching, type Relation } from './relations.js';

const ALL_LOSSES = [
  'softmax_cross_entropy',
  'negative_log_likelihood',
  'binary_cross_entropy',
  'binary_cross_entropy_with_logits',
] as const;

function* rowRelations(whole: Answer, rows: readonly Answer[]): Generator<Relation> {
  const l = layoutOf(whole.json);
  for (let i = 0; i < rows.length; i++) {
    const what = `none = one-row calls (RED-1): position ${i}`;
    yield {
      what,
      terms: [
        { answer: whole, output: 'loss', index: i, coefficient: 1 },
        { answer: rows[i]!, output: 'loss', index: 0, coefficient: -1 },
      ],
    };
    const indices = rowIndices(l, i);
    for (const output of ['grad', 'logProb'] as const)
      yield* matching(what, rows[i]!, whole, output, (j) => indices[j]!);
  }
}

/** D·mean − sum = 0 for the loss and every gradient component; D is a sum of P weights. */
function* meanRelations(mean: Answer, sum: Answer, D: number): Generator<Relation> {
  const roundings = layoutOf(sum.json).positions;
  for (const output of ['loss', 'grad'] as const) {
    for (let i = 0; i < (sum.got[output]?.length ?? 0); i++) {
      const terms = [
        { answer: mean, output, index: i, coefficient: D, roundings },
        { answer: sum, output, index: i, coefficient: -1 },
      ];
      yield { what: `mean·D = sum (RED-3), D = ${D}`, terms };
    }
  }
}

export const rowsInvariant: Invariant<Related> = {
  name: 'rows',
  clauses: ['RED-1', 'CE-1.1', 'BCE-5', 'BCEL-2', 'TOL-REL'],
  losses: ALL_LOSSES,
  // PRO-5 tfjs: K is a dimension of the layout, which a one-row case does not have.
  arbitrary: (where) =>
    lossCase({
      ...where,
      softmax: { reductions: ['none'], smoothing: where.rules.smoothingClassCount === 'classes' },
      binary: { reductions: ['none'] },
    }).map((json) => ({ json })),
  relatedAt: sameRelation,
  judge: async ({ json }, ctx) => {
    const positions = layoutOf(json).positions;
    const named = Array.from(
      { length: positions },
      (_, i) => [positionCase(json, i), `position ${i} alone`] as [CaseJson, string],
    );
    const [whole, ...rows] = await answers(ctx, [[json, 'the case'], ...named]);
    return judgeRelations(rowRelations(whole!, rows), ctx.level);
  },
  runs: 10,
};

export const meanSum: Invariant<Related> = {
  name: 'meanSum',
  clauses: ['RED-2', 'RED-3', 'GRAD-3', 'PRO-6', 'TOL-REL'],
  losses: ALL_LOSSES,
  arbitrary: (where) => lossCase({ ...where, outputs: ['loss', 'grad'] }).map((json) => ({ json })),
  relatedAt: sameRelation,
  judge: async ({ json }, ctx) => {
    const D = meanDenominator(json);
    if (D === 0) throw new NoAnswer({ status: 'skip', reason: 'D = 0: the mean is RED-4 special' });
    const [mean, sum] = await answers(ctx, [
      [withReduction(json, 'mean'), 'mean'],
      [withReduction(json, 'sum'), 'sum'],
    ]);
    return judgeRelations(meanRelations(mean!, sum!, D), ctx.level);
  },
};
