/**
 * BCE (BCE-1, BCE-5) and BCE with logits (BCEL-1, BCEL-2, PRO-11) through ORT, in the stable
 * graph and the exporter's. In float64 ORT and the hand-computed values are both within the
 * `stable` level of the certified reference (TOL-LEVEL.5).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCase } from '../../../src/case/decode.js';
import type { Dtype, Reduction } from '../../../src/case/types.js';
import { roundTo } from '../../../src/numeric/dtype.js';
import { ortImplementation } from '../../../src/oracles/onnx/ort.js';
import { expectFrameworkClose, expectLevel, handValues, judge } from './closeness.js';
import { bceLoss, bcelLoss } from './handComputed.js';

const stable = ortImplementation('ort');
const exporter = ortImplementation('ort-unstable');
afterAll(() => Promise.all([stable.close(), exporter.close()]));

const SHAPE = [2, 3];
const P = [0, 1e-30, 0.25, 0.5, 0.999, 1];
const LOGITS = [-30, -1.25, 0, 0.5, 3, 25];
const Y = [1, 0, 0.5, 1, 0.25, 0];
const REDUCTIONS: readonly Reduction[] = ['none', 'sum', 'mean'];

/** BCE-5 / BCEL-2 layouts: one value per element, per last-dim entry, or one value. */
const LAYOUTS = {
  elements: { given: [1, 0.5, 2, 0.25, 3, 1.5], broadcast: [1, 0.5, 2, 0.25, 3, 1.5] },
  lastDim: { given: [2, 0.5, 1.5], broadcast: [2, 0.5, 1.5, 2, 0.5, 1.5] },
  single: { given: [0.75], broadcast: Array<number>(6).fill(0.75) },
};

const json = (loss: string, input: readonly number[], reduction: Reduction, extra: Record<string, unknown> = {}) =>
  decodeCase({ id: 'b', loss, shape: SHAPE, input, target: Y, reduction, ...extra });

describe('BCE on probabilities, PyTorch clamp at −100 (BCE-1)', () => {
  it.each(REDUCTIONS.flatMap((r) => Object.keys(LAYOUTS).map((l) => [r, l] as const)))(
    'float64, %s, weight %s',
    async (reduction, layout) => {
      const w = LAYOUTS[layout as keyof typeof LAYOUTS];
      const c = json('binary_cross_entropy', P, reduction, { weight: w.given });
      await expectLevel(c, await stable.evaluate(c));
      await expectLevel(c, handValues(bceLoss({ x: P, y: Y, w: w.broadcast, reduction })));
    },
  );

  it.each(['float32', 'float16'] as const)('%s (TOL-FW)', async (dtype: Dtype) => {
    const p = P.map(roundTo(dtype));
    const values = await stable.evaluate(json('binary_cross_entropy', p, 'none', { dtype }));
    expectFrameworkClose(values.loss, bceLoss({ x: p, y: Y, reduction: 'none' }), dtype);
  });
});

describe('BCE with logits, stable graph (BCEL-1, BCEL-2)', () => {
  it.each(REDUCTIONS.flatMap((r) => Object.keys(LAYOUTS).map((l) => [r, l] as const)))(
    'float64, %s, weight %s, posWeight per last dim',
    async (reduction, layout) => {
      const w = LAYOUTS[layout as keyof typeof LAYOUTS];
      const c = json('binary_cross_entropy_with_logits', LOGITS, reduction, {
        weight: w.given,
        posWeight: LAYOUTS.lastDim.given,
      });
      await expectLevel(c, await stable.evaluate(c));
      await expectLevel(
        c,
        handValues(bcelLoss({ x: LOGITS, y: Y, w: w.broadcast, pw: LAYOUTS.lastDim.broadcast, reduction })),
      );
    },
  );

  it('matches PyTorch 1.13 (semantics.md §1.4)', async () => {
    const p = { x: [0.5, -1.2, 3], y: [1, 0, 0.4], pw: [2, 3, 0.5], w: [1, 0.5, 2] };
    const c = decodeCase({
      id: 't',
      loss: 'binary_cross_entropy_with_logits',
      shape: [3],
      input: p.x,
      target: p.y,
      posWeight: p.pw,
      weight: p.w,
      reduction: 'mean',
    });
    await expectLevel(c, await stable.evaluate(c));
    await expectLevel(c, handValues(bcelLoss({ ...p, reduction: 'mean' })));
  });

  it.each(['float32', 'float16'] as const)('%s (TOL-FW)', async (dtype: Dtype) => {
    const values = await stable.evaluate(json('binary_cross_entropy_with_logits', LOGITS, 'none', { dtype }));
    expectFrameworkClose(values.loss, bcelLoss({ x: LOGITS, y: Y, reduction: 'none' }), dtype);
  });

  it('gives PRO-11 torch column at ±∞', async () => {
    const c = decodeCase({
      id: 'inf',
      loss: 'binary_cross_entropy_with_logits',
      shape: [6],
      input: ['Infinity', 'Infinity', 'Infinity', '-Infinity', '-Infinity', '-Infinity'],
      target: [1, 0, 0.5, 0, 1, 0.5],
      reduction: 'none',
    });
    expect(Array.from((await stable.evaluate(c)).loss)).toEqual([NaN, Infinity, Infinity, NaN, NaN, NaN]);
  });
});

describe('BCE with logits, exporter graph (log σ)', () => {
  it('agrees with BCEL-1 within TOL-FW where σ does not saturate, but is not backward stable (float64)', async () => {
    const x = [-3, -1.25, 0, 0.5, 3, 5];
    const c = json('binary_cross_entropy_with_logits', x, 'none', { posWeight: [2, 0.5, 1.5], weight: [0.75] });
    const values = await exporter.evaluate(c);
    await expectLevel(c, values, 'framework');
    // log(1 − σ(5)): the subtraction cancels (30 ULPs at x = 5), beyond TOL-LEVEL.5.
    expect((await judge(c, values, 'stable')).pass).toBe(false);
    await expectLevel(
      c,
      handValues(bcelLoss({ x, y: Y, pw: LAYOUTS.lastDim.broadcast, w: LAYOUTS.single.broadcast, reduction: 'none' })),
    );
  });

  it('breaks where σ(x) rounds to 0 or 1 in float32, where the stable graph does not', async () => {
    const c = decodeCase({
      id: 'sat',
      loss: 'binary_cross_entropy_with_logits',
      dtype: 'float32',
      shape: [2],
      input: [20, 30],
      target: [0, 1],
      reduction: 'none',
    });
    expect(Array.from((await exporter.evaluate(c)).loss)).toEqual([Infinity, NaN]);
    expectFrameworkClose((await stable.evaluate(c)).loss, [20.000000002061153, 9.357622968840175e-14], 'float32');
  });
});

it('rejects a weight that does not broadcast (BCE-5)', async () => {
  await expect(stable.evaluate(json('binary_cross_entropy', P, 'none', { weight: [1, 2] }))).rejects.toThrow(/BCE-5/);
});
