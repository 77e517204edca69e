/**
 * Upstream gradients (spec/losses.md#UP-2, UP-3): the case with an upstream gradient `u` against
 * the case without one. The loss and the forward outputs do not move; each position's gradient is
 * `u` times its gradient without it; linear CE's gradWeight and gradBias under `none` are
 * `Σ_n u_n` times each row's own — so a per-token scale applied after the sum over tokens (Liger
 * PR 1298) or an upstream gradient ignored (TransformerEngine PRs 2139, 1879) is named.
 */
import fc from 'fast-check';
import type { Dtype } from '../../../src/case/types.js';
import { roundTo } from '../../../src/numeric/dtype.js';
import { lossCase } from '../../arbitraries/lossCase.js';
import type { CaseJson } from '../family.js';
import { selectRows } from '../invariance/rows.js';
import { answers, type Answer } from './answers.js';
import type { Invariant, Related } from './invariant.js';
import { encoded, layoutOf, positionOfInput, upstreamAt } from './layout.js';
import { judgeRelations, matching, type Relation } from './relations.js';

const WHAT = 'an upstream gradient u multiplies the gradient and nothing else (UP-2, UP-3)';

function* relations(json: CaseJson, [up, plain, ...rows]: Answer[]): Generator<Relation> {
  for (const output of ['loss', 'logProb', 'lse'] as const) yield* matching(WHAT, up!, plain!, output);
  for (let k = 0; k < (up!.got.grad?.length ?? 0); k++) {
    const u = upstreamAt(json, positionOfInput(layoutOf(json), k));
    yield {
      what: `${WHAT}: grad[${k}] = ${u} × its value without u`,
      terms: [
        { answer: up!, output: 'grad', index: k, coefficient: 1 },
        { answer: plain!, output: 'grad', index: k, coefficient: -u },
      ],
    };
  }
  for (const output of ['gradWeight', 'gradBias'] as const) {
    for (let i = 0; i < (up!.got[output]?.length ?? 0); i++) {
      const parts =
        rows.length > 0
          ? rows.map((answer, n) => ({ answer, output, index: i, coefficient: -upstreamAt(json, n) }))
          : [{ answer: plain!, output, index: i, coefficient: -upstreamAt(json, 0) }];
      yield {
        what: `${WHAT}: ${output}[${i}] = Σ_n u_n × row n's own (LCE-3)`,
        terms: [{ answer: up!, output, index: i, coefficient: 1 }, ...parts],
      };
    }
  }
}

/** A case with an upstream gradient of nonzero dtype values, mostly distinct (one per position under none). */
function withUpstream(dtype: Dtype, json: CaseJson): fc.Arbitrary<CaseJson> {
  const size = json.reduction === 'none' ? layoutOf(json).positions : 1;
  const magnitude = fc.double({ min: 0.25, max: 4, noNaN: true }).map(roundTo(dtype));
  const value = fc.tuple(fc.boolean(), magnitude).map(([negative, m]) => (negative ? -m : m));
  return fc.array(value, { minLength: size, maxLength: size }).map((u) => ({ ...json, upstream: encoded(u) }));
}

export const upstreamInvariant: Invariant<Related> = {
  name: 'upstream',
  clauses: ['UP-2', 'UP-3', 'LCE-3', 'TOL-REL'],
  losses: [
    'softmax_cross_entropy',
    'negative_log_likelihood',
    'binary_cross_entropy',
    'binary_cross_entropy_with_logits',
    'linear_cross_entropy',
  ],
  arbitrary: (where) => lossCase(where).chain((json) => withUpstream(where.dtype, json).map((j) => ({ json: j }))),
  judge: async ({ json }, ctx) => {
    const { upstream: _u, ...plain } = json;
    // Linear CE under none: each row alone, without u, for gradWeight and gradBias (LCE-3).
    const rowsAlone =
      json.loss === 'linear_cross_entropy' && json.reduction === 'none'
        ? Array.from({ length: layoutOf(json).positions }, (_, n): [CaseJson, string] => [
            { ...selectRows(plain, [n]), reduction: 'sum' },
            `row ${n} alone`,
          ])
        : [];
    const got = await answers(ctx, [[json, 'with u'], [plain, 'without u'], ...rowsAlone]);
    return judgeRelations(relations(json, got), ctx.level);
  },
};
