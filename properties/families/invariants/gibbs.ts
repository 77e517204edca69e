/**
 * Gibbs' inequality (CE-4.2): for a non-negative target t of mass S = Σ t_c, the loss
 * −Σ t_c·lp_c is at least −Σ t_c·log(t_c/S), the target's entropy (scaled by S). Catches losses
 * too small — negative, or a term dropped.
 */
import { lossCase } from '../../arbitraries/lossCase.js';
import { answers, type Answer } from './answers.js';
import { FINITE_REGIMES, sameRelation, type Invariant, type Related } from './invariant.js';
import { at, layoutOf, numbers } from './layout.js';
import { judgeRelations, type Relation } from './relations.js';

const U = 2 ** -53;

/** The bound −Σ t_c·log(t_c/S) (0·log 0 = 0) and its binary64 error: (C + 4)·u·Σ t_c·(|log(t_c/S)| + 1). */
function entropy(target: readonly number[]): { bound: number; error: number } {
  const mass = target.reduce((a, b) => a + b, 0);
  let [bound, size] = [0, 0];
  for (const t of target) {
    if (t === 0) continue;
    const log = Math.log(t / mass);
    bound -= t * log;
    size += t * (Math.abs(log) + 1);
  }
  return { bound, error: (target.length + 4) * U * size };
}

function* relations(a: Answer): Generator<Relation> {
  const l = layoutOf(a.json);
  const target = numbers(a.json, 'target');
  for (let i = 0; i < l.positions; i++) {
    const { bound, error } = entropy(Array.from({ length: l.classes }, (_, j) => target[at(l, i, j)]!));
    const what = `CE ≥ the target's entropy (Gibbs, CE-4.2): position ${i}, entropy ${bound}`;
    yield {
      what,
      terms: [{ answer: a, output: 'loss', index: i, coefficient: 1 }],
      options: { constant: bound, slack: error, inequality: true },
    };
  }
}

export const gibbs: Invariant<Related> = {
  name: 'gibbs',
  clauses: ['CE-4.2', 'TOL-REL'],
  losses: ['softmax_cross_entropy'],
  arbitrary: (where) =>
    lossCase({
      ...where,
      outputs: ['loss'],
      softmax: {
        targetKind: 'probability',
        distributions: ['soft', 'oneHot'],
        regime: FINITE_REGIMES,
        weights: false,
        smoothing: false,
        reductions: ['none'],
      },
    }).map((json) => ({ json })),
  relatedAt: sameRelation,
  judge: async ({ json }, ctx) => {
    const [a] = await answers(ctx, [[json, 'the case']]);
    return judgeRelations(relations(a!), ctx.level);
  },
};
