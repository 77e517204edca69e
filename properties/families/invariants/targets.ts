/**
 * Index targets against probability targets (CE-3.3, CE-4.2, LS-1, PRO-15): an index target
 * equals its one-hot row given as a probability target (smoothed alike), and without smoothing
 * the loss is −Σ_c a_c·lp_c of the implementation's own log-probabilities — only the target's
 * term for a gathered index target, so a −∞ logit on another class leaves it finite.
 */
import fc from 'fast-check';
import { Label } from '../../../src/case/validate.js';
import { lossCase } from '../../arbitraries/lossCase.js';
import { softmaxCase } from '../../arbitraries/softmaxCase.js';
import { answers, type Answer } from './answers.js';
import { FINITE_REGIMES, sameRelation, type Invariant, type Related } from './invariant.js';
import { at, layoutOf, numbers } from './layout.js';
import { judgeRelations, matchingOutputs, type Relation } from './relations.js';
import { oneHot, probabilityTwin, validated } from './twins.js';

export const oneHotTarget: Invariant<Related> = {
  name: 'oneHot',
  clauses: ['CE-3.3', 'CE-4.2', 'LS-1', 'TOL-REL'],
  losses: ['softmax_cross_entropy'],
  // Ignored positions become zero rows, which smoothing would fill: ignoring or smoothing. Under
  // PRO-8's p − q a zero row's gradient is p, not an ignored position's 0: no ignoring there.
  arbitrary: ({ dtype, profile, rules }) =>
    fc
      .boolean()
      .chain((smooth) =>
        softmaxCase({
          dtype,
          profile,
          targetKind: 'index',
          regime: FINITE_REGIMES,
          smoothing: smooth,
          ignore: !smooth && rules.softmaxGradMass === 'exact',
          reductions: ['none', 'sum'],
          outputs: ['loss', 'grad', 'logProb'],
          // ZL-1: an ignored index target adds no z term, its zero probability row does.
          languageModel: { zLoss: false },
        }),
      )
      .map((json) => ({ json })),
  relatedAt: sameRelation,
  judge: async ({ json }, ctx) => {
    const twin = { ...probabilityTwin(json, oneHot(layoutOf(json).classes)), labelSmoothing: json.labelSmoothing };
    const [index, probability] = await answers(ctx, [
      [json, 'index target'],
      [twin, 'one-hot probability target'],
    ]);
    return judgeRelations(
      matchingOutputs('an index target = its one-hot probability target (CE-3.3, CE-4.2)', index!, probability!),
      ctx.level,
    );
  },
};

/** ℓ_i + Σ_c a_c·lp_{i,c} = 0 per position, a_c the coefficients of CE-3.3 / CE-4.2 without smoothing. */
function* plainRelations(a: Answer): Generator<Relation> {
  const { json } = a;
  const l = layoutOf(json);
  const labels = validated(json).labels;
  const weight = (j: number) => (json.weight === undefined ? 1 : numbers(json, 'weight')[j]!);
  const target = numbers(json, 'target');
  for (let i = 0; i < l.positions; i++) {
    const coefficients = Array.from({ length: l.classes }, (_, j) =>
      labels ? (labels[i] === j ? weight(j) : 0) : weight(j) * target[at(l, i, j)]!,
    );
    const terms = coefficients.flatMap((coefficient, j) =>
      coefficient === 0 ? [] : [{ answer: a, output: 'logProb' as const, index: at(l, i, j), coefficient }],
    );
    const ignored = labels?.[i] === Label.ignored;
    yield {
      what: `ε = 0 is plain CE: loss = −Σ a_c·logProb_c (CE-3.3, CE-4.2)${ignored ? ', an ignored position' : ''}`,
      terms: [{ answer: a, output: 'loss', index: i, coefficient: 1 }, ...terms],
    };
  }
}

export const plainCrossEntropy: Invariant<Related> = {
  name: 'plain',
  clauses: ['CE-3.3', 'CE-4.2', 'LS-3', 'IGN-1', 'TOL-REL'],
  losses: ['softmax_cross_entropy'],
  arbitrary: (where) =>
    lossCase({
      ...where,
      outputs: ['loss', 'logProb'],
      // ZL-1: the z term is not a log-probability's.
      softmax: { smoothing: false, reductions: ['none'], languageModel: { zLoss: false } },
    }).map((json) => ({ json })),
  relatedAt: sameRelation,
  judge: async ({ json }, ctx) => {
    const [a] = await answers(ctx, [[json, 'the case']]);
    return judgeRelations(plainRelations(a!), ctx.level);
  },
};
