/**
 * BCE with logits against BCE of the sigmoid (BCE-1, BCE-2, BCEL-1): ℓ(x, y) = BCE(σ(x), y) where
 * no clamp or clip applies. σ(x) is not a dtype value, so BCE gets p = RN(σ(x)) and the relation
 * carries the slack w·|∂BCE/∂p|·|p − σ(x)| (TOL-REL.2). x ≤ 0 keeps p ≤ 1/2, where 1 − p is
 * exact enough; the symmetry invariant covers x > 0.
 */
import { FORMATS, roundTo } from '../../../src/numeric/dtype.js';
import type { Dtype } from '../../../src/case/types.js';
import type { ProfileRules } from '../../../src/case/profiles.js';
import { binaryCase } from '../../arbitraries/binaryCase.js';
import type { CaseJson } from '../family.js';
import { answers } from './answers.js';
import type { Invariant, Related } from './invariant.js';
import { layoutOf, numbers, rowIndices } from './layout.js';
import { judgeRelations, type Relation } from './relations.js';

const U = 2 ** -53;

/**
 * The smallest x: p normal in the dtype, and no clamp — log p ≥ −100 (BCE-1, a margin of 5) or
 * p ≥ RN(1e-7) (BCE-2, a margin of 1 in x).
 */
function lowest(dtype: Dtype, rules: ProfileRules): number {
  const normal = Math.log(FORMATS[dtype].minNormal) + 1;
  return Math.max(normal, rules.bceForm === 'clip' ? Math.log(1e-7) + 1 : -95);
}

/** σ(x) for x ≤ 0 in binary64: e^x/(1 + e^x), within 4u of σ(x). */
const sigmoid = (x: number): number => Math.exp(x) / (1 + Math.exp(x));

/** TOL-REL.2's slack: |w|·(1/p_min + 1/(1 − p_max))·|p − σ(x)|, bounding |∂BCE/∂p| for y in [0, 1]. */
function slack(x: number, p: number, w: number): number {
  const s = sigmoid(x);
  const delta = Math.abs(p - s) + 4 * U * s;
  return Math.abs(w) * (1 / (Math.min(p, s) - delta) + 1 / (1 - Math.max(p, s) - delta)) * delta;
}

interface Pair extends Related {
  /** The BCE case on p = RN(σ(x)). */
  readonly bce: CaseJson;
}

export const sigmoidInvariant: Invariant<Pair> = {
  name: 'sigmoid',
  clauses: ['BCE-1', 'BCE-2', 'BCEL-1', 'TOL-REL'],
  losses: ['binary_cross_entropy_with_logits'],
  applies: ({ rules }) => rules.bceForm === 'clampLog' || rules.bceForm === 'clip',
  arbitrary: ({ dtype, profile, rules }) =>
    binaryCase({
      dtype,
      profile,
      loss: 'binary_cross_entropy_with_logits',
      values: 'moderate',
      reductions: ['none'],
      outputs: ['loss'],
    }).map((generated) => {
      const { posWeight: _pw, ...json } = generated;
      const round = roundTo(dtype);
      const x = numbers(json, 'input').map((v) => round(Math.max(-Math.abs(v), lowest(dtype, rules))));
      return {
        json: { ...json, input: x },
        bce: { ...json, loss: 'binary_cross_entropy', input: x.map((v) => round(sigmoid(v))) },
      };
    }),
  judge: async ({ json, bce }, ctx) => {
    const [logits, probabilities] = await answers(ctx, [
      [json, 'BCE with logits at x'],
      [bce, 'BCE at RN(σ(x))'],
    ]);
    const [x, p, w] = [numbers(json, 'input'), numbers(bce, 'input'), numbers(json, 'weight')];
    const l = layoutOf(json);
    // Per position: an element, or the mean of a row's elements (PRO-18), whose slacks average too.
    const relations: Relation[] = Array.from({ length: l.positions }, (_, i) => {
      const row = rowIndices(l, i);
      const slacks = row.map((e) => slack(x[e]!, p[e]!, w.length === 0 ? 1 : w[e % w.length]!));
      return {
        what: `BCE with logits = BCE of the sigmoid where no clamp applies (BCE-1, BCEL-1): position ${i}, p = ${row.map((e) => p[e]).join(', ')}`,
        terms: [
          { answer: logits!, output: 'loss', index: i, coefficient: 1 },
          { answer: probabilities!, output: 'loss', index: i, coefficient: -1 },
        ],
        options: { slack: slacks.reduce((a, b) => a + b, 0) / Math.max(1, row.length) },
      };
    });
    return judgeRelations(relations, ctx.level);
  },
};
