/**
 * Softmax CE through ORT (SoftmaxCrossEntropyLoss opsets 12 and 13, NLL of a LogSoftmax, the
 * smoothing and probability graphs): every attribute combination (CE-3, CE-4, CE-5, LS-1, LS-2,
 * IGN-1, RED-1..3). In float64 ORT and the hand-computed values are both within the `stable`
 * level of the certified reference (TOL-LEVEL.5).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCase } from '../../../src/case/decode.js';
import type { Dtype, Reduction } from '../../../src/case/types.js';
import { roundTo } from '../../../src/numeric/dtype.js';
import { ortImplementation } from '../../../src/oracles/onnx/ort.js';
import { expectFrameworkClose, expectLevel, handValues } from './closeness.js';
import { logSoftmax, softmaxLoss, type SoftmaxProblem } from './handComputed.js';

const IMPLEMENTATIONS = {
  'SCE-13': ortImplementation('ort'),
  'SCE-12': ortImplementation('ort', { sceOpset: 12 }),
  'LogSoftmax+NLL-13': ortImplementation('ort', { scePath: 'logSoftmaxNll' }),
};
afterAll(() => Promise.all(Object.values(IMPLEMENTATIONS).map((i) => i.close())));

const SHAPES: readonly (readonly number[])[] = [
  [4, 3],
  [2, 3, 2],
  [2, 3, 2, 2],
];
const REDUCTIONS: readonly Reduction[] = ['none', 'sum', 'mean'];
/** Absent; a class; outside [0, C); negative (onnx's node tests use 0..2, −1, −5, 10). */
const IGNORE_INDICES = [undefined, 1, 7, -1] as const;
const WEIGHT = [0.5, 2, 0.75];

/** Logits with a spread; labels cycling over the classes, the ignore index at position 0. */
function problem(
  dims: readonly number[],
  reduction: Reduction,
  ignoreIndex: number | undefined,
  weighted: boolean,
): SoftmaxProblem {
  const count = dims.reduce((a, b) => a * b, 1);
  const x = Array.from({ length: count }, (_, i) => Math.sin(i * 1.7) * 4 + (i % 5) * 0.3);
  const target = Array.from({ length: count / dims[1]! }, (_, i) =>
    i === 0 && ignoreIndex !== undefined ? ignoreIndex : (i * 2 + 1) % dims[1]!,
  );
  return { dims, x, target, reduction, ignoreIndex, ...(weighted && { weight: WEIGHT }) };
}

const caseOf = (p: SoftmaxProblem, dtype: Dtype, extra: Record<string, unknown> = {}) =>
  decodeCase({
    id: 'sce',
    loss: 'softmax_cross_entropy',
    profile: 'onnx',
    dtype,
    shape: p.dims,
    input: p.x,
    target: p.target,
    reduction: p.reduction,
    outputs: ['loss', 'logProb'],
    ...(p.weight && { weight: p.weight }),
    ...(p.ignoreIndex !== undefined && { ignoreIndex: p.ignoreIndex }),
    ...extra,
  });

describe.each(Object.entries(IMPLEMENTATIONS))('%s, float64, every attribute', (_, impl) => {
  const grid = SHAPES.flatMap((dims) =>
    REDUCTIONS.flatMap((r) => IGNORE_INDICES.flatMap((ii) => [false, true].map((w) => [dims, r, ii, w] as const))),
  );
  it.each(grid)(
    'shape %j, reduction %s, ignore_index %s, weighted %s',
    async (dims, reduction, ignoreIndex, weighted) => {
      const p = problem(dims, reduction, ignoreIndex, weighted);
      const c = caseOf(p, 'float64');
      await expectLevel(c, await impl.evaluate(c));
      await expectLevel(c, handValues(softmaxLoss(p), logSoftmax(p.dims, p.x)));
    },
  );
});

describe('SoftmaxCrossEntropyLoss in float32 and float16 (TOL-FW)', () => {
  it.each(['float32', 'float16'] as const)('%s, weighted, ignore_index, mean and none', async (dtype) => {
    const round = roundTo(dtype);
    for (const reduction of ['mean', 'none'] as const) {
      const base = problem([2, 3, 2], reduction, 1, true);
      const p = { ...base, x: base.x.map(round) };
      const values = await IMPLEMENTATIONS['SCE-13'].evaluate(caseOf(p, dtype));
      expectFrameworkClose(values.loss, softmaxLoss(p), dtype);
    }
  });
});

describe('label smoothing (LS-1, LS-2), torch profile', () => {
  /** spec/../semantics.md §1.1: PyTorch 1.13's own numbers for this case, float64. */
  const x = [1, 2, 0.5, -1, 0.3, -0.2, 2.5, 0, -1.5, 0.7, 0.1, 3];
  const torch = {
    none: [1.503225153815273, 0, 0.9069167887938416],
    sum: [2.4101419426091146],
    mean: [0.48202838852182295],
  };
  it.each(REDUCTIONS)('%s matches PyTorch and the hand formula', async (reduction) => {
    const c = decodeCase({
      id: 'ls',
      loss: 'softmax_cross_entropy',
      shape: [3, 4],
      input: x,
      target: [1, -100, 3],
      weight: [0.5, 2, 1, 3],
      labelSmoothing: 0.2,
      reduction,
    });
    await expectLevel(c, await IMPLEMENTATIONS['SCE-13'].evaluate(c));
    await expectLevel(c, handValues(torch[reduction]));
    await expectLevel(
      c,
      handValues(
        softmaxLoss({
          dims: [3, 4],
          x,
          target: [1, -100, 3],
          weight: [0.5, 2, 1, 3],
          ignoreIndex: -100,
          smoothing: 0.2,
          reduction,
        }),
      ),
    );
  });

  it.each(SHAPES.flatMap((dims) => REDUCTIONS.map((r) => [dims, r] as const)))(
    'onnx profile, shape %j, %s, weighted, ignore_index',
    async (dims, reduction) => {
      const p = { ...problem(dims, reduction, 2, true), smoothing: 0.3 };
      const c = caseOf(p, 'float64', { labelSmoothing: 0.3 });
      await expectLevel(c, await IMPLEMENTATIONS['SCE-13'].evaluate(c));
      await expectLevel(c, handValues(softmaxLoss(p), logSoftmax(p.dims, p.x)));
    },
  );
});

describe('probability targets (CE-4, RED-3.2)', () => {
  it('matches PyTorch 1.13 on the dense example (semantics.md §1.1)', async () => {
    const json = {
      id: 'dense',
      loss: 'softmax_cross_entropy',
      shape: [2, 3],
      input: [1, 2, 0.5, 0.3, -0.2, 2.5],
      targetKind: 'probability',
      target: [0.2, 0.5, 0.3, 0, 0, 1],
      weight: [0.5, 2, 1],
    };
    const torch = { none: [1.2001162977511228, 0.16382544606994706], mean: [0.681970871910535] };
    for (const reduction of ['none', 'mean'] as const) {
      const c = decodeCase({ ...json, reduction });
      await expectLevel(c, await IMPLEMENTATIONS['SCE-13'].evaluate(c));
      await expectLevel(c, handValues(torch[reduction]));
    }
  });

  it.each(SHAPES.flatMap((dims) => REDUCTIONS.flatMap((r) => [0, 0.25].map((eps) => [dims, r, eps] as const))))(
    'shape %j, %s, smoothing %s, weighted',
    async (dims, reduction, smoothing) => {
      const count = dims.reduce((a, b) => a * b, 1);
      const p: SoftmaxProblem = {
        ...problem(dims, reduction, undefined, true),
        probability: true,
        smoothing,
        target: Array.from({ length: count }, (_, i) => ((i * 7) % 4) / 3),
      };
      const c = caseOf(p, 'float64', { targetKind: 'probability', labelSmoothing: smoothing });
      await expectLevel(c, await IMPLEMENTATIONS['SCE-13'].evaluate(c));
      await expectLevel(c, handValues(softmaxLoss(p), logSoftmax(p.dims, p.x)));
    },
  );
});

it('a [C] input is one row (CE-1.2)', async () => {
  const c = decodeCase({
    id: 'row',
    loss: 'softmax_cross_entropy',
    shape: [3],
    input: [1, 2, 3],
    target: [0],
    reduction: 'none',
    outputs: ['loss', 'logProb'],
  });
  const values = await IMPLEMENTATIONS['SCE-13'].evaluate(c);
  await expectLevel(c, values);
  await expectLevel(
    c,
    handValues(
      softmaxLoss({ dims: [1, 3], x: [1, 2, 3], target: [0], reduction: 'none' }),
      logSoftmax([1, 3], [1, 2, 3]),
    ),
  );
  expect(values.logProb).toHaveLength(3);
});
