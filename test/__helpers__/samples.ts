/**
 * Seeded samples of valid cases across every loss, profile and dtype, and hand-picked hard cases:
 * the shared corpus of the oracle-backed tests.
 */
import fc from 'fast-check';
import { DTYPES, LOSSES, PROFILES } from '../../src/case/types.js';
import { lossCase, profileDefines } from '../../properties/arbitraries/lossCase.js';
import { softmaxJson, type CaseJson } from './cases.js';

/** `perCombination` cases of every (loss, profile, dtype) the spec defines, ids naming them. */
export function sampledCases(perCombination: number, firstSeed = 1): CaseJson[] {
  const cases: CaseJson[] = [];
  let seed = firstSeed;
  for (const loss of LOSSES) {
    for (const profile of PROFILES.filter((p) => profileDefines(loss, p))) {
      for (const dtype of DTYPES) {
        const sample = fc.sample(lossCase({ loss, dtype, profile }), { seed: seed++, numRuns: perCombination });
        sample.forEach((json, k) => cases.push({ ...json, id: `${loss}/${profile}/${dtype}/${k}` }));
      }
    }
  }
  return cases;
}

const nine = (v: number) => Array<number>(9).fill(v);

/** numerics.md §1.4 and §2's worst cases for the textbook forms, and this suite's own extremes. */
export const HARD_CASES: CaseJson[] = [
  ...[
    [30, ...nine(0)],
    [40, ...nine(0)],
    [100.1, 64.3, 0.7],
    [700.3, 0.1, -0.7],
    [20.1, 0.3],
    [1e5, 1e5, 1e5, 1e5],
    [800, 0],
    [1e308, -1e308],
    [-745.5, 0, 0],
  ].flatMap((input, k) => [
    softmaxJson({
      id: `hard-${k}`,
      shape: [1, input.length],
      input,
      target: [0],
      reduction: 'sum',
      outputs: ['loss', 'grad', 'logProb'],
    }),
    softmaxJson({
      id: `hard-${k}-t1`,
      shape: [1, input.length],
      input,
      target: [1],
      labelSmoothing: 0.1,
      reduction: 'sum',
      outputs: ['loss', 'grad'],
    }),
  ]),
  softmaxJson({
    id: 'f32-tiny',
    dtype: 'float32',
    shape: [1, 10],
    input: [20, ...nine(0)],
    target: [0],
    outputs: ['loss', 'grad'],
  }),
  softmaxJson({
    id: 'f16-sum',
    dtype: 'float16',
    shape: [40, 2],
    input: Array.from({ length: 40 }, () => [0, 2048]).flat(),
    target: Array(40).fill(0),
  }),
  softmaxJson({
    id: 'wide',
    shape: [1, 4096],
    input: Array.from({ length: 4096 }, (_, j) => ((j * 7919) % 200) / 10 - 10),
    target: [17],
    outputs: ['loss', 'grad'],
  }),
  ...[0, 1, 0.3, 1 - 1e-7, 1e-7].flatMap((y) =>
    [1e-8, 0.5, 20, 40, 800, 1e6]
      .flatMap((m) => [m, -m])
      .map((x) => ({
        id: `bcel-${x}-${y}`,
        loss: 'binary_cross_entropy_with_logits',
        shape: [1],
        input: [x],
        target: [y],
        reduction: 'sum',
        outputs: ['loss', 'grad'],
      })),
  ),
  ...[1e-300, 1e-20, 0.25, 1 - 2 ** -53, 1].map((p, k) => ({
    id: `bce-${k}`,
    loss: 'binary_cross_entropy',
    shape: [2],
    input: [p, 1 - p],
    target: [0, 1],
    reduction: 'none',
    outputs: ['loss', 'grad'],
  })),
];
