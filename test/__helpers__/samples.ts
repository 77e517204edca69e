/**
 * Seeded samples of valid cases across every loss, profile and dtype, and hand-picked hard cases:
 * the shared corpus of the oracle-backed tests.
 */
import fc from 'fast-check';
import { DTYPES, LOSSES, PROFILES, type Dtype } from '../../src/case/types.js';
import { lossCase, profileDefines } from '../../properties/arbitraries/lossCase.js';
import { decodeCase } from '../../src/case/decode.js';
import { validateCase } from '../../src/case/validate.js';
import { roundTo } from '../../src/numeric/dtype.js';
import { linearJson, softmaxJson, type CaseJson } from './cases.js';

/** `perDtype` cases of `arbitrary` at every dtype, one seed a dtype from `firstSeed` on, ids `name/dtype/k`. */
export function sampledPerDtype(
  name: string,
  arbitrary: (dtype: Dtype) => fc.Arbitrary<CaseJson>,
  perDtype: number,
  firstSeed: number,
): CaseJson[] {
  return DTYPES.flatMap((dtype, d) =>
    fc
      .sample(arbitrary(dtype), { seed: firstSeed + d, numRuns: perDtype })
      .map((json, k) => ({ ...json, id: `${name}/${dtype}/${k}` })),
  );
}

/** `perCombination` cases of every (loss, profile, dtype) the spec defines, ids naming them. */
export function sampledCases(perCombination: number, firstSeed = 1): CaseJson[] {
  const pairs = LOSSES.flatMap((loss) =>
    PROFILES.filter((p) => profileDefines(loss, p)).map((profile) => ({ loss, profile })),
  );
  return pairs.flatMap(({ loss, profile }, i) =>
    sampledPerDtype(
      `${loss}/${profile}`,
      (dtype) => lossCase({ loss, dtype, profile }),
      perCombination,
      firstSeed + i * DTYPES.length,
    ),
  );
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
  // A capped logit far out on tanh's tail: its slope e^{−2|x/c|} amplifies the rounding of x/c
  // by 2|x/c| unless the quotient's error is kept (CAP-2); a subnormal logit whose x/c underflows.
  linearJson({
    id: 'cap-tail',
    shape: [3, 5],
    input: [1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0],
    linearWeight: [4.143134726391533, 0, 6.541029999189902, ...Array<number>(37).fill(0)],
    linearBias: Array<number>(8).fill(0),
    target: [0, -100, 0],
    zLoss: 0.0001,
    logitSoftcap: 0.25000000000000006,
    reduction: 'sum',
    outputs: ['loss', 'grad', 'gradWeight', 'lse'],
  }),
  ...[75.3, 150.7].map((x, k) =>
    softmaxJson({
      id: `cap-far-${k}`,
      shape: [1, 2],
      input: [x, 0],
      target: [1],
      logitSoftcap: 0.25000000000000006,
      reduction: 'sum',
      outputs: ['loss', 'grad'],
    }),
  ),
  softmaxJson({
    id: 'cap-subnormal',
    shape: [3, 1],
    input: [2.5e-323, 2.5e-323, 2.5e-323],
    target: [-100, -100, -100],
    labelSmoothing: 9.5367431640625e-7,
    logitSoftcap: 30,
    reduction: 'mean',
    outputs: ['loss', 'grad', 'logProb', 'lse'],
  }),
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

const grid = (rows: number, columns: number, f: (k: number) => number): number[] =>
  Array.from({ length: rows * columns }, (_, k) => f(k));

/**
 * Each profile's own semantics (spec/profiles.md), where sampled cases seldom go: keras's rows
 * of the last axis (PRO-18) under every reduction, with smoothing, clipping, infinities and an
 * empty last axis; its labels in the dtype (PRO-19), ignored rows (PRO-21), p − q gradient
 * (GRAD-2); optax's NaN labels (GRAD-3); onnx and torch batched rows (PRO-20).
 */
export const PROFILE_CASES: CaseJson[] = [
  ...(['none', 'sum', 'mean'] as const).flatMap((reduction) =>
    (['float64', 'float32', 'float16', 'bfloat16'] as const).flatMap((dtype) => [
      {
        id: `keras-bcel-rows-${reduction}-${dtype}`,
        loss: 'binary_cross_entropy_with_logits',
        profile: 'keras',
        dtype,
        shape: [2, 3, 4],
        input: grid(6, 4, (k) => ((k * 37) % 23) - 11),
        target: grid(6, 4, (k) => (k % 5) / 4),
        labelSmoothing: reduction === 'sum' ? 0.25 : 0,
        reduction,
        outputs: ['loss', 'grad'],
      },
      {
        id: `keras-bce-rows-${reduction}-${dtype}`,
        loss: 'binary_cross_entropy',
        profile: 'keras',
        dtype,
        shape: [3, 3],
        input: [0, 0.25, 1, 0.5, 'NaN', 0.125, 1, 0.75, 0],
        target: [1, 0.5, 0, 0, 1, 0.25, 1, 1, 0],
        labelSmoothing: reduction === 'mean' ? 0.5 : 0,
        reduction,
        outputs: ['loss', 'grad'],
      },
    ]),
  ),
  {
    id: 'keras-bcel-rank1',
    loss: 'binary_cross_entropy_with_logits',
    profile: 'keras',
    shape: [5],
    input: [800, -800, 'Infinity', 1e-8, -3],
    target: [0, 1, 0, 0.5, 1],
    reduction: 'sum',
    outputs: ['loss', 'grad'],
  },
  {
    id: 'keras-bcel-empty-rows',
    loss: 'binary_cross_entropy_with_logits',
    profile: 'keras',
    shape: [3, 0],
    input: [],
    target: [],
    reduction: 'none',
    outputs: ['loss', 'grad'],
  },
  softmaxJson({
    id: 'keras-bfloat16-labels',
    profile: 'keras',
    dtype: 'bfloat16',
    shape: [3, 300],
    input: grid(3, 300, (k) => (k % 300 === 256 ? 4 : (k % 7) - 3)),
    target: [257, 259, 300],
    ignoreIndex: 300,
    reduction: 'none',
    outputs: ['loss', 'grad'],
  }),
  softmaxJson({
    id: 'keras-ignored-rows',
    profile: 'keras',
    shape: [3, 3],
    input: ['-Infinity', 0, 1, 2, 'Infinity', 0, 0.5, -0.5, 2],
    target: [-1, -1, 1],
    ignoreIndex: -1,
    reduction: 'mean',
    outputs: ['loss', 'grad', 'logProb'],
  }),
  softmaxJson({
    id: 'keras-unit-gradient',
    profile: 'keras',
    shape: [2, 3],
    input: [0, 1, 2, 3, -1, 0.5],
    targetKind: 'probability',
    target: [1, 1, 0, 0.25, 0.25, 0.25],
    labelSmoothing: 1.5,
    reduction: 'mean',
    outputs: ['loss', 'grad'],
  }),
  softmaxJson({
    id: 'optax-nan-labels',
    profile: 'optax',
    shape: [3, 3],
    input: [0, 1, 2, 700, 0, -700, 1, 1, 1],
    target: [3, -4, -1],
    reduction: 'mean',
    outputs: ['loss', 'grad'],
  }),
  ...(['onnx', 'torch'] as const).map((profile) =>
    softmaxJson({
      id: `${profile}-batched-row`,
      profile,
      shape: [1, 4],
      input: [30, 0, 0, 0],
      target: [1],
      ignoreIndex: -1,
      reduction: 'sum',
      outputs: ['loss', 'grad', 'logProb'],
    }),
  ),
];

const isValid = (json: CaseJson): boolean => {
  try {
    validateCase(decodeCase(json));
    return true;
  } catch {
    return false;
  }
};

/** Logit differences below exp's resolution at 1 (δ ≪ u), near it, and just inside TOL-ACC.1's tie. */
const TIE_GAPS = [3.1225022567582534e-17, 1e-300, 2 ** -40, 2 ** -27];

/**
 * TOL-ACC.1's vanishing gradients and their neighbours, every profile that accepts them: softmax
 * rows tied to within δ under uniform coefficients (zero probability targets with smoothing,
 * smoothing 1, uniform targets, a masked class), and BCE with logits next to x = 0 with y = ½.
 */
export const TIED_CASES: CaseJson[] = PROFILES.flatMap((profile) =>
  (['float64', 'float32'] as const).flatMap((dtype) => {
    const round = roundTo(dtype);
    const softmax = TIE_GAPS.map(round).flatMap((d, k) =>
      [
        {
          shape: [2, 3],
          input: [0, 0, d, 0, 0, 0],
          targetKind: 'probability',
          target: [0, 0, 0, 0, 0, 0],
          labelSmoothing: 2 ** -20,
        },
        { shape: [1, 4], input: [d, 0, -d, 0], targetKind: 'probability', target: [0.25, 0.25, 0.25, 0.25] },
        { shape: [1, 3], input: [0, -d, '-Infinity'], targetKind: 'probability', target: [0.5, 0.5, 0] },
        { shape: [1, 4], input: [0, d, d, -d], target: [3], labelSmoothing: 1 },
      ].map((over, j) =>
        softmaxJson({
          ...over,
          id: `tie-${profile}-${dtype}-${k}-${j}`,
          profile,
          dtype,
          reduction: ['none', 'mean', 'sum'][j % 3],
          outputs: ['loss', 'grad'],
        }),
      ),
    );
    const binary = TIE_GAPS.map(round).flatMap((d, k) =>
      [
        { target: [0, 0], labelSmoothing: 1, weight: [0.23092206838200274, 1] },
        { target: [0.5, 0.5] },
        { target: [1, 0.5], labelSmoothing: 1, posWeight: [1] },
      ].map((over, j) => ({
        id: `tie-bcel-${profile}-${dtype}-${k}-${j}`,
        loss: 'binary_cross_entropy_with_logits',
        profile,
        dtype,
        shape: [1, 2],
        input: [-d, d],
        ...over,
        ...(over.weight && { weight: over.weight.map(round) }),
        reduction: ['none', 'mean', 'sum'][(j + k) % 3],
        outputs: ['loss', 'grad'],
      })),
    );
    return [...softmax, ...binary].filter(isValid);
  }),
);

/**
 * Ties whose gradient is below the rounding of the coefficients themselves (TOL-ACC.1, seed
 * 20261130): smoothing 1 − 2^-53 over two classes makes the target's `(1 − ε) + ε/2` = ½ + 2^-54,
 * not a double; with class weights and probability targets the products round too.
 */
export const COEFFICIENT_TIES: CaseJson[] = PROFILES.flatMap((profile) =>
  [
    { shape: [3, 2], input: [100, 100, 100, 100, 100, 100], target: [0, 0, 0], labelSmoothing: 1 - 2 ** -53 },
    { shape: [1, 3], input: [0, 2 ** -40, 0], target: [2], labelSmoothing: 1 - 2 ** -52, weight: [3, 3, 3] },
    {
      shape: [1, 2],
      input: [0, 0],
      targetKind: 'probability',
      target: [0.5 + 2 ** -30, 0.5 - 2 ** -30],
      labelSmoothing: 1 - 2 ** -53,
    },
  ].map((over, j) =>
    softmaxJson({
      ...over,
      id: `coefficient-tie-${profile}-${j}`,
      profile,
      reduction: ['none', 'mean', 'sum'][j % 3],
      outputs: ['loss', 'grad'],
    }),
  ),
).filter(isValid);

/**
 * Ties where `p − q` (PRO-8, keras and tfjs) cancels below the rounding of the smoothing share
 * `ε/K` (K = 5): binary64 coefficients, so within TOL-ACC's absolute bound only (TOL-ACC.1).
 */
export const UNIT_MASS_TIES: CaseJson[] = (['keras', 'tfjs'] as const).flatMap((profile) =>
  TIE_GAPS.map((d, k) =>
    softmaxJson({
      id: `unit-tie-${profile}-${k}`,
      profile,
      shape: [1, 5],
      input: [0, d, d, 0, -d],
      targetKind: 'probability',
      target: [0, 0, 0, 1, 0],
      labelSmoothing: 1,
      reduction: 'none',
      outputs: ['grad'],
    }),
  ),
);
