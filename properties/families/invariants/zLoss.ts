/**
 * The z term (spec/losses.md#ZL-1, ZL-2): the loss with z-loss minus the loss without it is
 * `z·lse²` at each non-ignored position (0 at an ignored one), its sum, or that sum over the
 * cross-entropy's own denominator D — with lse the implementation's own output (LSE-1). Catches
 * `z·mean(lse)²` for `z·mean(lse²)` (open_lm PR 92), a z term at ignored positions, another
 * denominator, and a z-loss left off.
 */
import fc from 'fast-check';
import { Label } from '../../../src/case/validate.js';
import { linearCase } from '../../arbitraries/linearCase.js';
import { softmaxCase } from '../../arbitraries/softmaxCase.js';
import type { CaseJson } from '../family.js';
import type { Where } from '../scoped.js';
import { answers, type Answer } from './answers.js';
import { meanDenominator } from './denominator.js';
import type { Invariant, Related } from './invariant.js';
import { layoutOf } from './layout.js';
import { judgeRelations, type Relation } from './relations.js';
import { validated } from './twins.js';

/**
 * Σ_i (z/D)·lse_i·(lse_i) over the kept positions, as a relation linear in the answers: each lse
 * enters with the coefficient (z/D)·lse_i taken from the answer itself; the square's other half of
 * the error, (z/D)·(|lse_i|·t_i + t_i²), is the slack (TOL-REL.2).
 */
function* relations(json: CaseJson, [withZ, without]: Answer[]): Generator<Relation> {
  const z = json.zLoss as number;
  const kept = Array.from(validated(json).labels ?? [], (l) => l !== Label.ignored);
  const keptAt = (i: number) => kept.length === 0 || kept[i]!;
  // CHK-9: without an lse offered, the relations below name it and are not judged.
  const offersLse = withZ!.got.lse !== undefined;
  const lse = (i: number) => (offersLse ? withZ!.got.lse![i]! : 0);
  const lseDistance = (i: number) => (offersLse ? withZ!.distance('lse', i) : 0);
  const positions = layoutOf(json).positions;
  if (json.reduction === 'none') {
    for (let i = 0; i < positions; i++) {
      const k = keptAt(i) ? z * lse(i) : 0;
      const t = lseDistance(i);
      yield {
        what: `ZL-1: position ${i}'s loss with z = ${z} is its loss without z${keptAt(i) ? ' + z·lse²' : ' (ignored: 0)'}`,
        terms: [
          { answer: withZ!, output: 'loss', index: i, coefficient: 1 },
          { answer: without!, output: 'loss', index: i, coefficient: -1 },
          { answer: withZ!, output: 'lse', index: i, coefficient: -k },
        ],
        options: { slack: Math.abs(k) * t + z * t * t },
      };
    }
    return;
  }
  const D = json.reduction === 'mean' ? meanDenominator(json) : 1;
  const terms = Array.from({ length: positions }, (_, i) => i).filter(keptAt);
  const slack = terms.reduce((s, i) => s + (z / D) * (Math.abs(lse(i)) + lseDistance(i)) * lseDistance(i), 0);
  yield {
    what: `ZL-2: the ${json.reduction} loss with z = ${z} is the loss without z + z·Σ lse²${json.reduction === 'mean' ? `/${D}` : ''}`,
    terms: [
      { answer: withZ!, output: 'loss', index: 0, coefficient: 1 },
      { answer: without!, output: 'loss', index: 0, coefficient: -1 },
      ...terms.map((i) => ({
        answer: withZ!,
        output: 'lse' as const,
        index: i,
        coefficient: -(z / D) * lse(i),
        roundings: 3,
      })),
    ],
    options: { slack },
  };
}

function zCase(where: Where): fc.Arbitrary<CaseJson> {
  const { dtype, profile } = where;
  const base =
    where.loss === 'linear_cross_entropy'
      ? linearCase({ dtype, profile, outputs: ['loss', 'lse'] })
      : softmaxCase({ dtype, profile, regime: 'moderate', weights: false, outputs: ['loss', 'lse'] });
  return fc
    .tuple(base, fc.constantFrom(1e-4, 1e-2, 0.5))
    .map(([json, zLoss]): CaseJson => ({ ...json, zLoss }))
    .filter((json) => json.reduction !== 'mean' || meanDenominator(json) !== 0);
}

export const zLossInvariant: Invariant<Related> = {
  name: 'zLoss',
  clauses: ['ZL-1', 'ZL-2', 'LSE-1', 'TOL-REL'],
  losses: ['softmax_cross_entropy', 'linear_cross_entropy'],
  applies: ({ rules }) => rules.languageModelLosses,
  arbitrary: (where) => zCase(where).map((json) => ({ json })),
  judge: async ({ json }, ctx) => {
    const { zLoss: _z, ...without } = json;
    const got = await answers(ctx, [
      [json, `z = ${json.zLoss as number}`],
      [without, 'without z'],
    ]);
    return judgeRelations(relations(json, got), ctx.level);
  },
};
