/**
 * Chunking (spec/losses.md#LCE-4): linear CE's rows evaluated in two contiguous parts, each with
 * `sum`, give the whole's `sum` loss, `gradWeight` and `gradBias` as the parts' sums, and its
 * `grad` and `lse` as the parts' rows. Catches a kernel whose chunk size changes the result: a
 * chunk's mean taken for its sum, the weight gradient of the last chunk only, a chunk boundary
 * that drops or repeats a row.
 */
import fc from 'fast-check';
import { linearCase } from '../../arbitraries/linearCase.js';
import type { CaseJson } from '../family.js';
import { answers, type Answer } from './answers.js';
import type { Invariant, Related } from './invariant.js';
import { encoded, layoutOf, numbers, withReduction } from './layout.js';
import { judgeRelations, matching, type Relation } from './relations.js';

interface Split extends Related {
  /** The first row of the second part. */
  readonly at: number;
}

/** Rows [from, to) of a linear CE case, with their labels (and upstream gradients under none). */
function rows(json: CaseJson, from: number, to: number): CaseJson {
  const d = (json.shape as number[])[1]!;
  return {
    ...json,
    shape: [to - from, d],
    input: encoded(numbers(json, 'input').slice(from * d, to * d)),
    target: (json.target as number[]).slice(from, to),
  };
}

function* sums(what: string, whole: Answer, parts: readonly Answer[], output: 'loss' | 'gradWeight' | 'gradBias') {
  const n = whole.got[output]?.length ?? 0;
  for (let i = 0; i < n; i++)
    yield {
      what,
      terms: [
        { answer: whole, output, index: i, coefficient: 1 },
        ...parts.map((answer) => ({ answer, output, index: i, coefficient: -1 })),
      ],
    } satisfies Relation;
}

function* relations(whole: Answer, [first, second]: Answer[], at: number): Generator<Relation> {
  const what = `rows split at ${at}: the whole = its parts (LCE-4)`;
  for (const output of ['loss', 'gradWeight', 'gradBias'] as const) yield* sums(what, whole, [first!, second!], output);
  const d = (whole.json.shape as number[])[1]!;
  yield* matching(what, first!, whole, 'grad');
  yield* matching(what, second!, whole, 'grad', (i) => i + at * d);
  yield* matching(what, first!, whole, 'lse');
  yield* matching(what, second!, whole, 'lse', (i) => i + at);
}

export const chunks: Invariant<Split> = {
  name: 'chunks',
  clauses: ['LCE-4', 'LCE-3', 'TOL-REL'],
  losses: ['linear_cross_entropy'],
  arbitrary: ({ dtype, profile }) =>
    linearCase({ dtype, profile, reductions: ['sum'] })
      .filter((json) => layoutOf(json).positions >= 2)
      .chain((json) => fc.integer({ min: 1, max: layoutOf(json).positions - 1 }).map((at) => ({ json, at }))),
  judge: async ({ json, at }, ctx) => {
    const n = layoutOf(json).positions;
    const summed = withReduction(json, 'sum');
    const got = await answers(ctx, [
      [summed, 'the whole'],
      [rows(summed, 0, at), `rows 0..${at - 1}`],
      [rows(summed, at, n), `rows ${at}..${n - 1}`],
    ]);
    const [whole, ...parts] = got;
    return judgeRelations(relations(whole!, parts, at), ctx.level);
  },
};
