/**
 * Class permutation (CE-1.1, CE-3.3, CE-4.2, CE-5.1, NLL-1): moving the classes, together with
 * the targets and the class weights, changes no loss and moves the gradient and log-probabilities
 * with the classes. Catches weights or targets read at the wrong class, and any special role
 * given to a class by its position.
 */
import { lossCase } from '../../arbitraries/lossCase.js';
import { permutation } from '../../arbitraries/permutation.js';
import type { CaseJson } from '../family.js';
import { answers } from './answers.js';
import { sameRelation, type Invariant, type Related } from './invariant.js';
import { at, encoded, layoutOf, numbers } from './layout.js';
import { judgeRelations, matchingOutputs } from './relations.js';

interface Permuted extends Related {
  readonly order: readonly number[];
}

/** Storage index k of (i, j) → storage index of (i, π[j]). */
function movedIndex(json: CaseJson, order: readonly number[]): number[] {
  const l = layoutOf(json);
  const moved = new Array<number>(l.positions * l.classes);
  for (let i = 0; i < l.positions; i++) for (let j = 0; j < l.classes; j++) moved[at(l, i, j)] = at(l, i, order[j]!);
  return moved;
}

function permuted(json: CaseJson, order: readonly number[]): CaseJson {
  const moved = movedIndex(json, order);
  const move = (values: readonly number[], to: (k: number) => number) => {
    const out = new Array<number>(values.length);
    values.forEach((v, k) => (out[to(k)] = v));
    return encoded(out);
  };
  const inRange = (t: number) => Number.isInteger(t) && t >= 0 && t < order.length && t !== json.ignoreIndex;
  const labels = (json.target as number[]).map((t) => (inRange(t) ? order[t]! : t));
  return {
    ...json,
    input: move(numbers(json, 'input'), (k) => moved[k]!),
    target: json.targetKind === 'probability' ? move(numbers(json, 'target'), (k) => moved[k]!) : labels,
    ...(json.weight !== undefined && { weight: move(numbers(json, 'weight'), (j) => order[j]!) }),
  };
}

export const permutationInvariant: Invariant<Permuted> = {
  name: 'permutation',
  clauses: ['CE-1.1', 'CE-5.1', 'TOL-REL'],
  losses: ['softmax_cross_entropy', 'negative_log_likelihood'],
  arbitrary: (where) =>
    lossCase(where).chain((json) => permutation({ length: layoutOf(json).classes }).map((order) => ({ json, order }))),
  relatedAt: sameRelation,
  judge: async ({ json, order }, ctx) => {
    const [base, other] = await answers(ctx, [
      [json, 'the case'],
      [permuted(json, order), 'permuted'],
    ]);
    const moved = movedIndex(json, order);
    const map = (output: string, i: number) => (output === 'loss' ? i : moved[i]!);
    return judgeRelations(
      matchingOutputs(`class permutation (CE-1.1, CE-5.1), classes moved to [${order.join(', ')}]`, base!, other!, map),
      ctx.level,
    );
  },
};
