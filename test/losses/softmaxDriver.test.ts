import { describe, expect, it } from 'vitest';
import { isUndefinedRow } from '../../src/losses/softmaxDriver.js';
import { softmaxJson } from '../__helpers__/cases.js';
import { BUILT_IN_NAMES, gradOf, lossOf, run } from '../__helpers__/run.js';

const grid = (over: Record<string, unknown> = {}) =>
  softmaxJson({
    shape: [2, 3, 2],
    input: [1, -2, 0.5, 3, 2, 0.25, -1, 4, 0, 1.5, 2.5, -0.75],
    target: [0, 2, 1, 0],
    reduction: 'none',
    outputs: ['loss', 'grad', 'logProb'],
    ...over,
  });

/** The same case with the class axis moved last and the rest flattened (CE-1.3). */
function flattened(json: Record<string, unknown>): Record<string, unknown> {
  const input = json.input as number[];
  const rows: number[] = [];
  for (const n of [0, 1]) for (const d of [0, 1]) for (const c of [0, 1, 2]) rows.push(input[(n * 3 + c) * 2 + d]!);
  return { ...json, shape: [4, 3], input: rows };
}

describe('softmax CE layout (CE-1)', () => {
  it.each(BUILT_IN_NAMES)(
    '%s: [N, C, d] gives exactly the values of the flattened [N·d, C] (CE-1.3, TOL-6)',
    (name) => {
      const kdim = run(name, grid());
      const flat = run(name, flattened(grid()));
      expect(Array.from(kdim.loss)).toEqual(Array.from(flat.loss));
      const regrouped = (a: Float64Array) =>
        [0, 1].flatMap((n) => [0, 1].flatMap((d) => [0, 1, 2].map((c) => a[(n * 3 + c) * 2 + d]!)));
      expect(regrouped(kdim.grad!)).toEqual(Array.from(flat.grad!));
      expect(regrouped(kdim.logProb!)).toEqual(Array.from(flat.logProb!));
    },
  );

  it.each(BUILT_IN_NAMES)('%s: [C] alone is one row (CE-1.2)', (name) => {
    const single = { shape: [3], input: [0.5, 2, -1], target: [1], outputs: ['loss', 'grad'] };
    const batched = { ...single, shape: [1, 3] };
    expect(run(name, softmaxJson(single))).toEqual(run(name, softmaxJson(batched)));
  });
});

describe('softmax CE special values (CE-2.2, CE-3.3, CE-4.3, LS-2)', () => {
  it('should call a row with NaN, +∞ or only −∞ undefined, and a masked row defined', () => {
    expect(isUndefinedRow(Float64Array.of(0, NaN))).toBe(true);
    expect(isUndefinedRow(Float64Array.of(Infinity, 0))).toBe(true);
    expect(isUndefinedRow(Float64Array.of(-Infinity, -Infinity))).toBe(true);
    expect(isUndefinedRow(Float64Array.of(-Infinity, 0))).toBe(false);
  });

  it.each(BUILT_IN_NAMES)('%s: an undefined row gives NaN loss, gradient and log-probabilities', (name) => {
    const v = run(
      name,
      softmaxJson({ shape: [1, 3], input: ['Infinity', 0, 0], target: [1], outputs: ['loss', 'grad', 'logProb'] }),
    );
    expect([...v.loss, ...v.grad!, ...v.logProb!].every(Number.isNaN)).toBe(true);
  });

  it.each(BUILT_IN_NAMES)('%s: a −∞ logit is a masked class: lp = −∞, no mass, finite loss elsewhere', (name) => {
    const v = run(
      name,
      softmaxJson({ shape: [1, 3], input: ['-Infinity', 0, 0], target: [1], outputs: ['loss', 'grad', 'logProb'] }),
    );
    expect(v.logProb![0]).toBe(-Infinity);
    expect(v.loss[0]).toBe(Math.LN2);
    expect(v.grad![0]).toBe(0);
  });

  it.each(BUILT_IN_NAMES)(
    '%s: a masked target costs +∞; a masked class with zero target mass is 0·(−∞) = NaN',
    (name) => {
      expect(lossOf(name, softmaxJson({ shape: [1, 2], input: ['-Infinity', 0], target: [0] }))).toEqual([Infinity]);
      const dense = { shape: [1, 2], input: ['-Infinity', 0], targetKind: 'probability', target: [0, 1] };
      expect(lossOf(name, softmaxJson(dense))[0]).toBeNaN();
    },
  );

  it.each(BUILT_IN_NAMES)(
    '%s: smoothing reaches every class: a masked class gives +∞, or NaN with weight 0 (LS-2)',
    (name) => {
      const smoothed = { shape: [1, 3], input: ['-Infinity', 0, 1], target: [1], labelSmoothing: 0.1 };
      expect(lossOf(name, softmaxJson(smoothed))).toEqual([Infinity]);
      expect(lossOf(name, softmaxJson({ ...smoothed, weight: [0, 1, 1] }))[0]).toBeNaN();
    },
  );

  it.each(BUILT_IN_NAMES)(
    '%s: ε = 1 at a masked target: NaN under torch and onnx, +∞ under tfjs (LS-2.1, PRO-17)',
    (name) => {
      const masked = softmaxJson({
        shape: [1, 3],
        input: ['-Infinity', 0, 1],
        target: [0],
        labelSmoothing: 1,
        reduction: 'sum',
      });
      expect(lossOf(name, masked)[0]).toBeNaN();
      expect(lossOf(name, { ...masked, profile: 'onnx', ignoreIndex: -1 })[0]).toBeNaN();
      expect(lossOf(name, { ...masked, profile: 'tfjs' })).toEqual([Infinity]);
      expect(lossOf(name, { ...masked, labelSmoothing: 0.5 })).toEqual([Infinity]);
      // A soft-cap makes the masked logit −c first (CAP-3): a finite row, a finite loss.
      expect(Number.isFinite(lossOf(name, { ...masked, logitSoftcap: 5 })[0]), 'capped').toBe(true);
    },
  );

  it.each(BUILT_IN_NAMES)('%s: one-hot index targets under tfjs meet a masked class as NaN (PRO-15)', (name) => {
    const masked = { shape: [1, 3], input: ['-Infinity', 0, 1], target: [1] };
    expect(Number.isFinite(lossOf(name, softmaxJson(masked))[0])).toBe(true);
    expect(lossOf(name, softmaxJson({ ...masked, profile: 'tfjs' }))[0]).toBeNaN();
  });
});

describe('ignored targets (IGN-1, IGN-3, GRAD-3)', () => {
  it.each(BUILT_IN_NAMES)(
    '%s: an ignored position has loss 0 and gradient 0; NaN gradient on an undefined row',
    (name) => {
      const finite = run(name, grid({ target: [-100, 2, 1, 0] }));
      expect(finite.loss[0]).toBe(0);
      expect([finite.grad![0], finite.grad![2], finite.grad![4]]).toEqual([0, 0, 0]);
      const v = run(
        name,
        grid({ input: ['NaN', -2, 0.5, 3, 2, 0.25, -1, 4, 0, 1.5, 2.5, -0.75], target: [-100, 2, 1, 0] }),
      );
      expect(v.loss[0]).toBe(0);
      expect([v.grad![0], v.grad![2], v.grad![4]].every(Number.isNaN)).toBe(true);
      expect(Number.isFinite(v.loss[1])).toBe(true);
    },
  );

  it.each(BUILT_IN_NAMES)(
    '%s: zero target weights make D = 0 and every gradient NaN under mean (GRAD-3, RED-4)',
    (name) => {
      const v = run(name, softmaxJson({ target: [0, 0], weight: [0, 1, 1], outputs: ['loss', 'grad'] }));
      expect(v.loss[0]).toBeNaN();
      expect(Array.from(v.grad!).every(Number.isNaN)).toBe(true);
    },
  );

  it.each(BUILT_IN_NAMES)(
    '%s: under keras an ignored row holding ±∞ has a NaN gradient, its loss 0 (IGN-1, PRO-21)',
    (name) => {
      const masked = softmaxJson({
        input: ['-Infinity', 0, 1, 0, 1, 2],
        target: [-1, 0],
        ignoreIndex: -1,
        reduction: 'sum',
        outputs: ['loss', 'grad'],
      });
      const keras = run(name, { ...masked, profile: 'keras' });
      expect(Array.from(keras.grad!.subarray(0, 3)).every(Number.isNaN)).toBe(true);
      expect(Array.from(keras.grad!.subarray(3)).every(Number.isFinite)).toBe(true);
      expect(Number.isFinite(keras.loss[0])).toBe(true);
      expect(Array.from(run(name, masked).grad!.subarray(0, 3))).toEqual([0, 0, 0]);
      const finite = run(name, { ...masked, input: [5, 0, 1, 0, 1, 2], profile: 'keras' });
      expect(Array.from(finite.grad!.subarray(0, 3))).toEqual([0, 0, 0]);
    },
  );

  it.each(BUILT_IN_NAMES)('%s: ignoring a class index ignores targets, not the class (IGN-3)', (name) => {
    const plain = lossOf(name, grid({ target: [0, 2, 1, 2] }));
    const ignoring = lossOf(name, grid({ target: [0, 2, 1, 2], ignoreIndex: 0 }));
    expect(ignoring).toEqual([0, plain[1], plain[2], plain[3]]);
  });
});

describe('reductions (RED-1..5, PRO-6, PRO-7)', () => {
  const weighted = grid({ weight: [0.5, 2, 4], target: [0, 2, -100, 1] });

  it('should divide the mean by the non-ignored target weights (RED-3.1)', () => {
    const sum = lossOf('accurate', { ...weighted, reduction: 'sum' })[0]!;
    expect(lossOf('accurate', { ...weighted, reduction: 'mean' })).toEqual([sum / (0.5 + 4 + 2)]);
    const none = lossOf('accurate', weighted);
    expect(none[2]).toBe(0);
    expect(none.length).toBe(4);
  });

  it('should divide the mean of probability targets by the positions, even with weights (RED-3.2)', () => {
    const dense = softmaxJson({ targetKind: 'probability', target: [0.5, 0.25, 0.25, 0, 1, 0], weight: [1, 2, 3] });
    const sum = lossOf('accurate', { ...dense, reduction: 'sum' })[0]!;
    expect(lossOf('accurate', dense)).toEqual([sum / 2]);
  });

  it('should count non-ignored positions under keras and every position under tfjs and optax (PRO-6)', () => {
    const partly = grid({ target: [0, -1, 1, 0], reduction: 'sum' });
    const sum = (profile: string) =>
      lossOf('accurate', {
        ...partly,
        profile,
        ignoreIndex: profile === 'keras' ? -1 : undefined,
        target: profile === 'keras' ? [0, -1, 1, 0] : [0, 2, 1, 0],
      })[0]!;
    expect(lossOf('accurate', { ...partly, profile: 'keras', ignoreIndex: -1, reduction: 'mean' })).toEqual([
      sum('keras') / 3,
    ]);
    expect(lossOf('accurate', { ...partly, profile: 'optax', target: [0, 2, 1, 0], reduction: 'mean' })).toEqual([
      sum('optax') / 4,
    ]);
  });

  it.each(BUILT_IN_NAMES)(
    '%s: every target ignored: mean NaN under torch, 0 under keras, gradients 0 (RED-4, PRO-7, GRAD-3)',
    (name) => {
      const all = grid({ target: [-1, -1, -1, -1], ignoreIndex: -1, reduction: 'mean', outputs: ['loss', 'grad'] });
      const torch = run(name, all);
      expect(torch.loss[0]).toBeNaN();
      expect(Array.from(torch.grad!).every((g) => g === 0)).toBe(true);
      expect(lossOf(name, { ...all, reduction: 'sum' })).toEqual([0]);
      expect(lossOf(name, { ...all, profile: 'keras' })).toEqual([0]);
      expect(lossOf(name, { ...all, profile: 'onnx' })[0]).toBeNaN();
    },
  );

  it.each(BUILT_IN_NAMES)('%s: an empty batch sums to 0 and means NaN (RED-5)', (name) => {
    const empty = softmaxJson({ shape: [0, 3], input: [], target: [] });
    expect(lossOf(name, { ...empty, reduction: 'sum' })).toEqual([0]);
    expect(lossOf(name, empty)[0]).toBeNaN();
    expect(lossOf(name, { ...empty, reduction: 'none' })).toEqual([]);
  });
});

describe('softmax CE gradient (GRAD-1, GRAD-2)', () => {
  const unnormalised = softmaxJson({
    shape: [1, 2],
    input: [0, 0],
    targetKind: 'probability',
    target: [1, 1],
    reduction: 'sum',
    outputs: ['loss', 'grad'],
  });

  it.each(BUILT_IN_NAMES)('%s: is W·p − a with W the target mass (GRAD-1)', (name) => {
    expect(gradOf(name, unnormalised)).toEqual([0, 0]);
  });

  it.each(BUILT_IN_NAMES)(
    "%s: is p − a under tfjs and keras (TensorFlow's fused kernel), wrong for targets not summing to 1 (GRAD-2, PRO-8, PRO-22)",
    (name) => {
      expect(gradOf(name, { ...unnormalised, profile: 'tfjs' })).toEqual([-0.5, -0.5]);
      expect(gradOf(name, { ...unnormalised, profile: 'keras' })).toEqual([-0.5, -0.5]);
    },
  );

  it.each(BUILT_IN_NAMES)('%s: is divided by D under mean', (name) => {
    const two = softmaxJson({ shape: [2, 2], input: [0, 0, 0, 0], target: [0, 1], weight: [1, 3], outputs: ['grad'] });
    // p = 1/2 everywhere: row 0 has W = 1, a_0 = 1; row 1 W = 3, a_1 = 3; D = 4.
    expect(gradOf(name, two)).toEqual([-0.125, 0.125, 0.375, -0.375]);
  });
});

describe('profile label rules (PRO-3, LS-5)', () => {
  it.each(BUILT_IN_NAMES)('%s: an out-of-range label is a zero target row under tfjs and NaN under optax', (name) => {
    const out = softmaxJson({ shape: [1, 2], input: [0, 0], target: [5], reduction: 'sum' });
    expect(lossOf(name, { ...out, profile: 'tfjs' })).toEqual([0]);
    expect(lossOf(name, { ...out, profile: 'optax' })[0]).toBeNaN();
    expect(lossOf(name, { ...out, target: [-1], profile: 'optax' })).toEqual(
      lossOf(name, { ...out, target: [1], profile: 'optax' }),
    );
  });

  it.each(BUILT_IN_NAMES)("%s: optax's NaN label still passes the log-sum-exp's gradient p (GRAD-3, PRO-3)", (name) => {
    const nan = softmaxJson({ shape: [1, 2], input: [0, 0], target: [5], profile: 'optax', outputs: ['loss', 'grad'] });
    expect(lossOf(name, nan)[0]).toBeNaN();
    expect(gradOf(name, nan)).toEqual([0.5, 0.5]);
  });

  it('should smooth by d1 under tfjs: a uniform row then costs ε·C/d1 · log C more mass (LS-5)', () => {
    // Uniform logits: −lp = log 3 for every class, so ℓ = (Σ_c q_c)·log 3 = (1 − ε + ε·C/K)·log 3.
    const uniform = softmaxJson({
      shape: [1, 3, 2],
      input: [0, 0, 0, 0, 0, 0],
      target: [0, 1],
      labelSmoothing: 0.5,
      reduction: 'none',
    });
    const tfjs = lossOf('accurate', { ...uniform, profile: 'tfjs' });
    const torch = lossOf('accurate', uniform);
    expect(torch).toEqual([Math.log(3), Math.log(3)]);
    expect(tfjs[0]! / Math.log(3)).toBe(1 - 0.5 + (0.5 * 3) / 2);
  });

  it("should give +∞, not LS-2.1's NaN, for a probability target's −∞ logit at ε = 1: no target term apart (LS-1, LS-2)", () => {
    const json = softmaxJson({
      shape: [1, 3],
      input: [0, '-Infinity', 0],
      targetKind: 'probability',
      target: [1, 0, 0],
      labelSmoothing: 1,
    });
    for (const name of BUILT_IN_NAMES) expect(lossOf(name, json), name).toEqual([Infinity]);
    // The same row with index target 1 forms its target term apart under torch: 0·∞ (LS-2.1).
    expect(
      lossOf('accurate', softmaxJson({ shape: [1, 3], input: [0, '-Infinity', 0], target: [1], labelSmoothing: 1 }))[0],
    ).toBeNaN();
  });
});
