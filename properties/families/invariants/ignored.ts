/**
 * Ignored positions (IGN-1, RED-3.1): removing them changes neither the sum nor the mean, and
 * they contribute 0 to the loss (under `none`) and to the gradient. Catches ignored targets
 * counted in the mean, and smoothing or other terms left at ignored positions.
 */
import { Label } from '../../../src/case/validate.js';
import { lossCase } from '../../arbitraries/lossCase.js';
import type { CaseJson } from '../family.js';
import { answers, type Answer } from './answers.js';
import { sameRelation, type Invariant, type Related } from './invariant.js';
import { encoded, layoutOf, numbers, rowIndices, upstreamAt } from './layout.js';
import { judgeRelations, type Relation, type Term } from './relations.js';
import { validated } from './twins.js';

const ignoredPositions = (json: CaseJson): boolean[] =>
  Array.from(validated(json).labels!, (label) => label === Label.ignored);

/** The case without its ignored rows (shape [N, C]: a row is a position). */
function withoutIgnored(json: CaseJson): CaseJson {
  const ignored = ignoredPositions(json);
  const l = layoutOf(json);
  const input = numbers(json, 'input');
  const kept = ignored.flatMap((skip, i) => (skip ? [] : [i]));
  return {
    ...json,
    shape: [kept.length, l.classes],
    input: encoded(kept.flatMap((i) => rowIndices(l, i).map((k) => input[k]!))),
    target: kept.map((i) => (json.target as number[])[i]!),
    // UP-1: under none the kept positions keep their upstream gradients.
    ...(json.upstream !== undefined &&
      json.reduction === 'none' && { upstream: encoded(kept.map((i) => upstreamAt(json, i))) }),
  };
}

const term = (answer: Answer, output: 'loss' | 'grad', index: number, coefficient: number): Term => ({
  answer,
  output,
  index,
  coefficient,
});

function* relations(whole: Answer, kept: Answer): Generator<Relation> {
  const l = layoutOf(whole.json);
  const ignored = ignoredPositions(whole.json);
  const none = whole.json.reduction === 'none';
  if (!none)
    yield {
      what: 'removing ignored positions changes nothing (IGN-1, RED-3.1)',
      terms: [term(whole, 'loss', 0, 1), term(kept, 'loss', 0, -1)],
    };
  let k = 0;
  for (let i = 0; i < l.positions; i++) {
    const what = `IGN-1: position ${i}${ignored[i] ? ' (ignored) contributes nothing' : ' is unchanged when the ignored ones are removed'}`;
    const twin = (output: 'loss' | 'grad', index: number) => (ignored[i] ? [] : [term(kept, output, index, -1)]);
    if (none) yield { what, terms: [term(whole, 'loss', i, 1), ...twin('loss', k)] };
    if (whole.got.grad)
      for (const [j, index] of rowIndices(l, i).entries())
        yield { what, terms: [term(whole, 'grad', index, 1), ...twin('grad', k * l.classes + j)] };
    if (!ignored[i]) k++;
  }
}

export const ignoredInvariant: Invariant<Related> = {
  name: 'ignored',
  clauses: ['IGN-1', 'RED-3.1', 'GRAD-3', 'TOL-REL'],
  losses: ['softmax_cross_entropy', 'negative_log_likelihood'],
  applies: ({ rules }) => rules.ignoreIndex,
  arbitrary: (where) =>
    lossCase({
      ...where,
      outputs: ['loss', 'grad'],
      softmax: { targetKind: 'index', shape: { allowUnbatched: false, maxSpatialRank: 0 } },
    })
      .filter((json) => ignoredPositions(json).includes(true))
      .map((json) => ({ json })),
  relatedAt: sameRelation,
  judge: async ({ json }, ctx) => {
    const [whole, kept] = await answers(ctx, [
      [json, 'the case'],
      [withoutIgnored(json), 'without the ignored positions'],
    ]);
    return judgeRelations(relations(whole!, kept!), ctx.level);
  },
};
