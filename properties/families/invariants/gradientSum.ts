/**
 * The gradient sums to zero over the classes (GRAD-1): Σ_c (W·p_c − a_c) = W − W. Under GRAD-2
 * (tfjs, p − a) only for targets of unit mass, so that profile gets unweighted, unsmoothed,
 * index or one-hot targets. Catches a gradient that ignores the target mass W, or a softmax
 * that does not sum to one.
 */
import { lossCase } from '../../arbitraries/lossCase.js';
import { answers, type Answer } from './answers.js';
import { sameRelation, type Invariant, type Related } from './invariant.js';
import { layoutOf, rowIndices } from './layout.js';
import { judgeRelations, type Relation } from './relations.js';

function* relations(a: Answer): Generator<Relation> {
  const l = layoutOf(a.json);
  for (let i = 0; i < l.positions; i++) {
    const terms = rowIndices(l, i).map((index) => ({ answer: a, output: 'grad' as const, index, coefficient: 1 }));
    yield { what: `the gradient sums to 0 over the classes (GRAD-1): position ${i}`, terms };
  }
}

export const gradientSum: Invariant<Related> = {
  name: 'gradientSum',
  clauses: ['GRAD-1', 'GRAD-2', 'TOL-REL'],
  losses: ['softmax_cross_entropy'],
  arbitrary: (where) => {
    // ZL-3 adds 2·z·lse·p and CAP-2 scales each class: Σ_c no longer cancels.
    const unitMass =
      where.rules.softmaxGradMass === 'unit'
        ? { weights: false, smoothing: false, distributions: ['oneHot' as const], languageModel: false }
        : { languageModel: false };
    return lossCase({ ...where, outputs: ['loss', 'grad'], softmax: unitMass }).map((json) => ({ json }));
  },
  relatedAt: sameRelation,
  judge: async ({ json }, ctx) => {
    const [a] = await answers(ctx, [[json, 'the case']]);
    return judgeRelations(relations(a!), ctx.level);
  },
};
