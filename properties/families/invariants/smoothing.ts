/**
 * Label smoothing (LS-1..3, LS-5): the smoothed loss is (1 − ε)·CE + ε·U where U, the ε = 1 case,
 * is (1/K)·Σ_c w_c·(−lp_c) — the loss of an all-ones probability target, divided by K — and an
 * index target smoothed equals its smoothed one-hot row given as a probability target. Catches a
 * share of ε/(K − 1), weights left off the smoothing term, a K other than the profile's.
 */
import fc from 'fast-check';
import { FORMATS } from '../../../src/numeric/dtype.js';
import { softmaxCase } from '../../arbitraries/softmaxCase.js';
import type { CaseJson } from '../family.js';
import { answers, type Answer } from './answers.js';
import { FINITE_REGIMES, sameRelation, type Invariant, type Related } from './invariant.js';
import { layoutOf } from './layout.js';
import { judgeRelations, matching, type Relation } from './relations.js';
import { probabilityTwin, validated } from './twins.js';

interface Smoothed extends Related {
  /** K of LS-5 under the case's profile. */
  readonly classes: number;
}

/**
 * ε snapped to K·s with s = ε/K a multiple of 2^-a, a ≤ p − 2: then the smoothed one-hot row
 * (1 − ε + s for the target, s elsewhere) is a dtype value, and the twin is the same problem.
 */
function snapped(eps: number, K: number, precision: number): number {
  const scale = 2 ** Math.min(precision - 2, 20);
  const up = Math.ceil((eps / K) * scale);
  return ((K * up) / scale <= 1 ? up : Math.floor(scale / K)) * (K / scale);
}

/** The terms of Σ α·y = 0 over one value index of several answers. */
function* linear(
  what: string,
  output: 'loss' | 'grad',
  parts: readonly (readonly [Answer, number])[],
): Generator<Relation> {
  const n = parts[0]![0].got[output]?.length ?? 0;
  for (let i = 0; i < n; i++)
    yield { what, terms: parts.map(([answer, coefficient]) => ({ answer, output, index: i, coefficient })) };
}

function* relations(
  eps: number,
  K: number,
  exactGrad: boolean,
  [smooth, plain, uniform, ones, q]: Answer[],
): Generator<Relation> {
  for (const output of ['loss', 'grad'] as const) {
    yield* linear(`LS-3: smoothed (ε = ${eps}) = (1 − ε)·plain + ε·(ε = 1)`, output, [
      [smooth!, 1],
      [plain!, -(1 - eps)],
      [uniform!, -eps],
    ]);
    if (output === 'loss' || exactGrad)
      yield* linear(`LS-1, LS-2: the ε = 1 case = (1/${K})·(all-ones probability target)`, output, [
        [uniform!, 1],
        [ones!, -1 / K],
      ]);
    if (q)
      yield* matching(
        `LS-1: an index target smoothed = its smoothed one-hot row as a probability target`,
        smooth!,
        q,
        output,
      );
  }
}

/** The all-ones probability target and, for an index target, its smoothed one-hot rows (ε = 0). */
function twins(json: CaseJson, K: number): [CaseJson, string][] {
  const plain = { ...json, labelSmoothing: 0 };
  const C = layoutOf(json).classes;
  if (json.targetKind !== 'index')
    return [[{ ...plain, target: Array<number>((json.input as unknown[]).length).fill(1) }, 'all-ones target']];
  const eps = json.labelSmoothing as number;
  const smoothedRow = (t: number) => Array.from({ length: C }, (_, j) => (j === t ? 1 - eps + eps / K : eps / K));
  return [
    [probabilityTwin(plain, () => Array<number>(C).fill(1)), 'all-ones target'],
    [probabilityTwin(plain, smoothedRow), 'smoothed one-hot target'],
  ];
}

export const smoothingInvariant: Invariant<Smoothed> = {
  name: 'smoothing',
  clauses: ['LS-1', 'LS-2', 'LS-3', 'LS-5', 'TOL-REL'],
  losses: ['softmax_cross_entropy'],
  applies: ({ rules }) => rules.softmaxSmoothing,
  arbitrary: ({ dtype, profile, rules }) => {
    const shape = { allowUnbatched: rules.smoothingClassCount === 'classes' };
    const base = softmaxCase({
      dtype,
      profile,
      // PRO-2: keras and optax smooth probability targets only.
      ...(!rules.indexSmoothing && { targetKind: 'probability' as const }),
      regime: FINITE_REGIMES,
      shape,
      reductions: ['none', 'sum'],
      outputs: ['loss', 'grad'],
      // ZL-1: the all-ones target's loss holds z·lse² once, not K times.
      languageModel: { zLoss: false },
    });
    return fc.tuple(base, fc.double({ min: 2 ** -20, max: 1, noNaN: true })).map(([json, eps]) => {
      const classes = validated({ ...json, labelSmoothing: eps }).smoothingClasses;
      return { json: { ...json, labelSmoothing: snapped(eps, classes, FORMATS[dtype].precision) }, classes };
    });
  },
  relatedAt: sameRelation,
  judge: async ({ json, classes: K }, ctx) => {
    const eps = json.labelSmoothing as number;
    const smoothedAt = (e: number): CaseJson => ({ ...json, labelSmoothing: e });
    const named: [CaseJson, string][] = [
      [json, `smoothed (ε = ${eps})`],
      [smoothedAt(0), 'plain (ε = 0)'],
      [smoothedAt(1), 'uniform (ε = 1)'],
      ...twins(json, K),
    ];
    const got = await answers(ctx, named);
    return judgeRelations(relations(eps, K, validated(json).rules.softmaxGradMass === 'exact', got), ctx.level);
  },
};
