/**
 * BCE with logits against itself and against softmax CE (BCEL-1, BCEL-2, CE-4.2, LS-7): a
 * two-class softmax row equals BCE with logits on the exact logit difference; (x, y) and
 * (−x, 1 − y) give the same loss and opposite gradients; pos_weight scales the positive term
 * only. Catches an unstable form on one side, pos_weight on the wrong term, a sign error.
 */
import fc from 'fast-check';
import { binaryCase } from '../../arbitraries/binaryCase.js';
import { complementableTargets } from '../../arbitraries/complementableTargets.js';
import { labelSmoothing } from '../../arbitraries/labelSmoothing.js';
import { logitPairs } from '../../arbitraries/logitPairs.js';
import { weights } from '../../arbitraries/weights.js';
import type { Dtype } from '../../../src/case/types.js';
import { roundTo } from '../../../src/numeric/dtype.js';
import type { CaseJson } from '../family.js';
import type { Where } from '../scoped.js';
import { answers, type Answer } from './answers.js';
import { sameRelation, type Invariant, type Related } from './invariant.js';
import { encoded, layoutOf, numbers, withReduction } from './layout.js';
import { judgeRelations, matching, type Relation } from './relations.js';

interface Paired extends Related {
  /** The two-class softmax case: rows (a, a + z), probability targets (1 − y, y). */
  readonly softmax: CaseJson;
}

/** The pair at another z: rows (a, a + z) keep their a, where every a + z is exact in the dtype. */
function pairedAt(input: Paired, json: CaseJson): Paired | undefined {
  const round = roundTo((json.dtype as Dtype | undefined) ?? 'float64');
  const a = numbers(input.softmax, 'input').filter((_, k) => k % 2 === 0);
  const rows = numbers(json, 'input').flatMap((z, i) => [a[i]!, a[i]! + z]);
  if (rows.some((x) => round(x) !== x)) return undefined;
  return { json, softmax: { ...input.softmax, input: encoded(rows) } };
}

export const twoClass: Invariant<Paired> = {
  name: 'twoClass',
  clauses: ['CE-4.2', 'BCEL-1', 'LS-7', 'GRAD-1', 'GRAD-7', 'TOL-REL'],
  losses: ['binary_cross_entropy_with_logits'],
  arbitrary: ({ dtype, profile, rules }) => {
    const smoothable = rules.binarySmoothing !== 'none' && rules.softmaxSmoothing;
    const size = fc.integer({ min: 1, max: 6 });
    return size
      .chain((n) =>
        fc.record({
          pairs: logitPairs({ dtype, length: n }),
          y: complementableTargets({ dtype, length: n }),
          eps: smoothable ? labelSmoothing() : fc.constant(0),
          reduction: fc.constantFrom('none', 'mean', 'sum'),
        }),
      )
      .map(({ pairs, y, eps, reduction }) => {
        const common = { dtype, profile, labelSmoothing: eps, reduction, outputs: ['loss', 'grad'] };
        const rows = pairs.base.flatMap((a, i) => [a, a + pairs.difference[i]!]);
        const json = {
          ...common,
          id: 'bcel-pair',
          loss: 'binary_cross_entropy_with_logits',
          // [n, 1]: one element per row, so that every profile has one loss per pair (PRO-18).
          shape: [y.length, 1],
          input: pairs.difference,
          target: y,
        };
        const softmax = {
          ...common,
          id: 'softmax-pair',
          loss: 'softmax_cross_entropy',
          shape: [y.length, 2],
          input: rows,
          targetKind: 'probability',
          target: y.flatMap((t) => [1 - t, t]),
        };
        return { json, softmax };
      });
  },
  relatedAt: pairedAt,
  judge: async ({ json, softmax }, ctx) => {
    const [bcel, ce] = await answers(ctx, [
      [json, 'BCE with logits on z'],
      [softmax, 'softmax CE on (a, a + z)'],
    ]);
    const what = 'two-class softmax CE = BCE with logits on the logit difference (CE-4.2, BCEL-1)';
    const relations: Relation[] = [...matching(what, bcel!, ce!, 'loss')];
    for (let i = 0; i < layoutOf(json).positions; i++) {
      const grad = (a: Answer, index: number, coefficient: number) => ({
        answer: a,
        output: 'grad' as const,
        index,
        coefficient,
      });
      relations.push(
        { what, terms: [grad(bcel!, i, 1), grad(ce!, 2 * i + 1, -1)] },
        { what, terms: [grad(bcel!, i, 1), grad(ce!, 2 * i, 1)] },
      );
    }
    return judgeRelations(relations, ctx.level);
  },
};

/** A BCE-with-logits case without pos_weight whose targets have exact complements. */
function symmetricCase({ dtype, profile }: Pick<Where, 'dtype' | 'profile'>): fc.Arbitrary<CaseJson> {
  return binaryCase({ dtype, profile, loss: 'binary_cross_entropy_with_logits' }).chain((json) =>
    complementableTargets({ dtype, length: (json.target as number[]).length }).map((target) => {
      const { posWeight: _pw, ...rest } = json;
      return { ...rest, target };
    }),
  );
}

export const bcelSymmetry: Invariant<Related> = {
  name: 'symmetry',
  clauses: ['BCEL-1', 'GRAD-7', 'LS-7', 'TOL-REL'],
  losses: ['binary_cross_entropy_with_logits'],
  arbitrary: (where) => symmetricCase(where).map((json) => ({ json })),
  relatedAt: sameRelation,
  judge: async ({ json }, ctx) => {
    const mirrored = {
      ...json,
      input: encoded(numbers(json, 'input').map((x) => -x)),
      target: numbers(json, 'target').map((y) => 1 - y),
    };
    const [a, b] = await answers(ctx, [
      [json, '(x, y)'],
      [mirrored, '(−x, 1 − y)'],
    ]);
    const what = 'BCE with logits: (x, y) and (−x, 1 − y) have equal losses, opposite gradients (BCEL-1)';
    return judgeRelations(
      [...matching(what, a!, b!, 'loss'), ...matching(what, a!, b!, 'grad', undefined, -1)],
      ctx.level,
    );
  },
};

/** ℓ(pw) − ℓ(1) = (pw − 1)·y·ℓ(y = 1, pw = 1) element by element, loss and gradient (BCEL-2). */
function* posWeightRelations(json: CaseJson, [withPw, without, positive]: Answer[]): Generator<Relation> {
  const y = numbers(json, 'target');
  const pw = numbers(json, 'posWeight');
  for (const output of ['loss', 'grad'] as const) {
    for (let i = 0; i < y.length; i++) {
      const term = (a: Answer, coefficient: number, roundings = 1) => ({
        answer: a,
        output,
        index: i,
        coefficient,
        roundings,
      });
      const what = `pos_weight ${pw[i % pw.length]} multiplies the positive term only (BCEL-2): element ${i}`;
      yield {
        what,
        terms: [term(withPw!, 1), term(without!, -1), term(positive!, -(pw[i % pw.length]! - 1) * y[i]!, 2)],
      };
    }
  }
}

export const posWeightInvariant: Invariant<Related> = {
  name: 'posWeight',
  clauses: ['BCEL-1', 'BCEL-2', 'GRAD-7', 'TOL-REL'],
  losses: ['binary_cross_entropy_with_logits'],
  applies: ({ rules }) => rules.posWeight,
  arbitrary: ({ dtype, profile }) =>
    // Targets from complementableTargets: (pw − 1)·y then stays normal, a coefficient with a relative error.
    symmetricCase({ dtype, profile })
      .map((json): CaseJson => withReduction(json, 'none'))
      .chain((json) => {
        const last = (json.shape as number[]).at(-1)!;
        return weights({ dtype, length: last, zeros: false }).map((posWeight) => ({ json: { ...json, posWeight } }));
      }),
  relatedAt: sameRelation,
  judge: async ({ json }, ctx) => {
    const { posWeight: _pw, ...without } = json;
    const positive = { ...without, target: numbers(json, 'target').map(() => 1) };
    const got = await answers(ctx, [
      [json, 'with pos_weight'],
      [without, 'without pos_weight'],
      [positive, 'target 1, no pos_weight'],
    ]);
    return judgeRelations(posWeightRelations(json, got), ctx.level);
  },
};
