import { describe, expect, it } from 'vitest';
import { matchesNotes } from '../../src/verdict/tolerances.js';
import { bceJson, bcelJson } from '../__helpers__/cases.js';
import { expectWithinAccurateBound } from '../__helpers__/bounds.js';
import { BUILT_IN_NAMES, gradOf, lossOf } from '../__helpers__/run.js';

const one = (over: Record<string, unknown>) => ({ shape: [1], reduction: 'sum', ...over });

describe('BCE on probabilities (BCE-1..4, PRO-9)', () => {
  it.each(BUILT_IN_NAMES)('%s: clamps each log at −100 under torch (BCE-1)', (name) => {
    expect(lossOf(name, bceJson(one({ input: [0], target: [1] })))).toEqual([100]);
    expect(lossOf(name, bceJson(one({ input: [1], target: [0] })))).toEqual([100]);
    expect(lossOf(name, bceJson(one({ input: [0], target: [0] })))).toEqual([0]);
    expect(lossOf(name, bceJson(one({ input: [0], target: [0.5] })))).toEqual([50]);
  });

  it('should clip to [RN(1e-7), RN(1 − 1e-7)] under keras: 16.118095 and 15.942385 in float32 (BCE-2)', () => {
    const f32 = { dtype: 'float32', profile: 'keras' };
    expectWithinAccurateBound(
      lossOf('accurate', bceJson(one({ ...f32, input: [0], target: [1] })))[0]!,
      -Math.log(Math.fround(1e-7)),
      { dtype: 'float32', loss: 'binary_cross_entropy' },
    );
    expectWithinAccurateBound(
      lossOf('accurate', bceJson(one({ ...f32, input: [1], target: [0] })))[0]!,
      -Math.log(1 - Math.fround(1 - 1e-7)),
      { dtype: 'float32', loss: 'binary_cross_entropy' },
    );
  });

  it.each(BUILT_IN_NAMES)('%s: keras clips to hi = 1 in float16, so p = 1 with y = 0 costs +∞ (BCE-2)', (name) => {
    expect(lossOf(name, bceJson(one({ dtype: 'float16', profile: 'keras', input: [1], target: [0] })))).toEqual([
      Infinity,
    ]);
  });

  it('should add e inside the logs under tfjs, with no clip (BCE-3)', () => {
    const e = Math.fround(1e-7);
    expectWithinAccurateBound(
      lossOf('accurate', bceJson(one({ dtype: 'float32', profile: 'tfjs', input: [0], target: [1] })))[0]!,
      -Math.log(e),
      { dtype: 'float32', loss: 'binary_cross_entropy' },
    );
    expect(lossOf('accurate', bceJson(one({ profile: 'tfjs', input: [2], target: [1] })))[0]).toBeNaN();
  });

  it.each(BUILT_IN_NAMES)('%s: gives NaN for a NaN probability under keras (PRO-10)', (name) => {
    expect(lossOf(name, bceJson(one({ profile: 'keras', input: ['NaN'], target: [1] })))[0]).toBeNaN();
  });
});

describe('BCE gradients (GRAD-4, GRAD-5, GRAD-6, PRO-12)', () => {
  it("should be PyTorch's (p − y)/max(p(1 − p), eps): −1.000000004e12 at p = 0, y = 1 (GRAD-4)", () => {
    const g = gradOf('accurate', bceJson(one({ input: [0], target: [1], outputs: ['grad'] })))[0]!;
    expect(g).toBe(-1 / Math.fround(1e-12));
    expect(Number(g.toPrecision(10))).toBe(-1.000000004e12);
  });

  it.each(BUILT_IN_NAMES)('%s: vanishes where keras clips (GRAD-5)', (name) => {
    expect(gradOf(name, bceJson(one({ profile: 'keras', input: [0], target: [1], outputs: ['grad'] })))).toEqual([0]);
  });

  it.each(BUILT_IN_NAMES)(
    "%s: passes keras's clip at its ends, and gives 0 at a NaN probability (GRAD-5, PRO-22)",
    (name) => {
      const lo = Math.fround(1e-7);
      const atLow = bceJson(one({ dtype: 'float32', profile: 'keras', input: [lo], target: [0], outputs: ['grad'] }));
      expect(gradOf(name, atLow)[0]).toBeGreaterThan(1); // (1 − y)/(1 − p̂): the end is inside
      const nan = bceJson({
        shape: [2, 1],
        profile: 'keras',
        input: ['NaN', 0.5],
        target: [1, 1],
        reduction: 'none',
        outputs: ['loss', 'grad'],
      });
      expect(lossOf(name, nan)[0]).toBeNaN();
      expect(gradOf(name, nan)).toEqual([0, -2]);
    },
  );

  it.each(BUILT_IN_NAMES)('%s: evaluates tfjs at p = ±∞ as written: loss NaN, gradient 0 (BCE-4, GRAD-6)', (name) => {
    for (const p of ['Infinity', '-Infinity']) {
      const json = bceJson(one({ profile: 'tfjs', input: [p], target: [0.5], outputs: ['loss', 'grad'] }));
      expect(lossOf(name, json)[0]).toBeNaN();
      expect(gradOf(name, json)[0] === 0).toBe(true); // ±0: equal under TOL-1
    }
  });

  it('should be −y/(p + e) + (1 − y)/(1 − p + e) under tfjs (GRAD-6)', () => {
    const e = 2 ** -20; // tfjs's e is RN(1e-7); here p = 0.5, y = 0 gives 1/(0.5 + e)
    const g = gradOf('accurate', bceJson(one({ profile: 'tfjs', input: [0.5], target: [0], outputs: ['grad'] })))[0]!;
    expectWithinAccurateBound(g, 1 / (0.5 + 1e-7) + 0 * e, { loss: 'binary_cross_entropy', output: 'grad' });
  });
});

describe('BCE with logits (BCEL-1..4, PRO-11, GRAD-7)', () => {
  it.each(BUILT_IN_NAMES)('%s: σ(x) = 0.6628, y = 0.9 gives 0.4788 (BCEL-3, TOL-5)', (name) => {
    const x = Math.log(0.6628 / (1 - 0.6628));
    const loss = lossOf(name, bcelJson(one({ input: [x], target: [0.9] })))[0]!;
    expect(matchesNotes(loss, 0.4788), `${loss}`).toBe(true);
  });

  it.each(BUILT_IN_NAMES)('%s: puts posWeight on the positive term, along the last dimension (BCEL-2)', (name) => {
    const grid = { shape: [2, 2], input: [0, 0, 0, 0], target: [1, 1, 0, 1], reduction: 'none' };
    const losses = lossOf(name, bcelJson({ ...grid, posWeight: [2, 3] }));
    expect(losses).toEqual([2 * Math.LN2, 3 * Math.LN2, Math.LN2, 3 * Math.LN2]);
  });

  it.each(BUILT_IN_NAMES)('%s: broadcasts weights by trailing dimensions (BCE-5)', (name) => {
    const grid = { shape: [2, 2], input: [0, 0, 0, 0], target: [1, 1, 0, 1], reduction: 'none' };
    expect(lossOf(name, bcelJson({ ...grid, weight: [2, 0.5] }))).toEqual([2, 0.5, 2, 0.5].map((w) => w * Math.LN2));
    expect(lossOf(name, bcelJson({ ...grid, weight: [3] }))).toEqual([3, 3, 3, 3].map((w) => w * Math.LN2));
  });

  it.each(BUILT_IN_NAMES)('%s: follows each profile at infinite logits (BCEL-4, PRO-11)', (name) => {
    const at = (profile: string, x: string, y: number) =>
      lossOf(name, bcelJson(one({ profile, input: [x], target: [y] })))[0];
    expect(at('torch', 'Infinity', 1)).toBeNaN();
    expect(at('torch', 'Infinity', 0)).toBe(Infinity);
    expect(at('torch', '-Infinity', 1)).toBeNaN();
    expect(at('keras', 'Infinity', 0)).toBeNaN();
    expect(at('keras', '-Infinity', 1)).toBe(Infinity);
    expect(at('optax', '-Infinity', 1)).toBe(Infinity);
    expect(at('optax', 'Infinity', 0.5)).toBe(Infinity);
    expect(at('optax', '-Infinity', 0)).toBeNaN();
  });

  it.each(BUILT_IN_NAMES)(
    "%s: gives every cell of PRO-11's table, each profile's formula in IEEE arithmetic",
    (name) => {
      // Rows: x, y; columns: torch (and onnx), keras (and tfjs), optax (spec/profiles.md#PRO-11).
      const N = NaN;
      const I = Infinity;
      const table: [string, number, number, number, number][] = [
        ['Infinity', 1, N, N, N],
        ['Infinity', 0, I, N, I],
        ['Infinity', 0.5, I, N, I],
        ['-Infinity', 0, N, N, N],
        ['-Infinity', 1, N, I, I],
        ['-Infinity', 0.5, N, I, I],
        ['NaN', 0.5, N, N, N],
      ];
      const at = (profile: string, x: string, y: number) =>
        lossOf(name, bcelJson(one({ profile, input: [x], target: [y] })))[0];
      for (const [x, y, torch, keras, optax] of table) {
        const cells = { torch, onnx: torch, keras, tfjs: keras, optax };
        for (const [profile, want] of Object.entries(cells))
          expect(at(profile, x, y), `${profile} at x = ${x}, y = ${y}`).toBe(want);
      }
    },
  );

  it.each(BUILT_IN_NAMES)('%s: has the limit gradient at infinite logits (GRAD-7)', (name) => {
    const grad = (x: string) =>
      gradOf(name, bcelJson(one({ input: [x], target: [0.25], posWeight: [2], outputs: ['grad'] })))[0];
    expect(grad('Infinity')).toBe(0.75);
    expect(grad('-Infinity')).toBe(-0.5);
  });
});

describe("keras's binary losses: one loss per row of the last axis (PRO-18, RED-1, RED-3.3)", () => {
  // Logits 0: every element costs log 2 and has gradient σ(0) − y.
  const grid = { shape: [2, 2], input: [0, 0, 0, 0], target: [1, 0, 1, 1], profile: 'keras' };
  const grads = [-0.5, 0.5, -0.5, -0.5];

  it.each(BUILT_IN_NAMES)('%s: none gives each row its mean, and the gradient carries the 1/L', (name) => {
    const none = bcelJson({ ...grid, reduction: 'none', outputs: ['loss', 'grad'] });
    expect(lossOf(name, none)).toEqual([Math.LN2, Math.LN2]);
    expect(gradOf(name, none)).toEqual(grads.map((g) => g / 2));
    expect(lossOf(name, { ...none, profile: 'torch' })).toEqual([Math.LN2, Math.LN2, Math.LN2, Math.LN2]);
  });

  it.each(BUILT_IN_NAMES)('%s: sum adds the row means, mean divides by the rows', (name) => {
    const sum = bcelJson({ ...grid, reduction: 'sum', outputs: ['loss', 'grad'] });
    expect(lossOf(name, sum)).toEqual([2 * Math.LN2]);
    expect(gradOf(name, sum)).toEqual(grads.map((g) => g / 2));
    expect(lossOf(name, { ...sum, profile: 'torch' })).toEqual([4 * Math.LN2]);
    const mean = { ...sum, reduction: 'mean' };
    expect(lossOf(name, mean)).toEqual([Math.LN2]);
    expect(gradOf(name, mean)).toEqual(grads.map((g) => g / 4));
  });

  it.each(BUILT_IN_NAMES)('%s: a rank-1 input is one row, the same value under every reduction', (name) => {
    const row = bceJson({ profile: 'keras', shape: [2], input: [0.5, 0.5], target: [1, 0], outputs: ['loss', 'grad'] });
    for (const reduction of ['none', 'sum', 'mean']) {
      expect(lossOf(name, { ...row, reduction })).toEqual([Math.LN2]);
      expect(gradOf(name, { ...row, reduction })).toEqual([-1, 1]);
    }
  });

  it.each(BUILT_IN_NAMES)('%s: an empty last axis makes each row 0/0 = NaN', (name) => {
    const empty = lossOf(name, bcelJson({ profile: 'keras', shape: [2, 0], input: [], target: [], reduction: 'none' }));
    expect(empty.length).toBe(2);
    expect(empty.every(Number.isNaN)).toBe(true);
  });
});

describe('binary reductions (RED-3.3, PRO-6)', () => {
  const grid = { shape: [4], input: [0, 0, 0, 0], target: [1, 0, 1, 0], weight: [2, 0, 0, 2] };

  it.each(BUILT_IN_NAMES)('%s: means over all elements even with weights under torch', (name) => {
    expect(lossOf(name, bcelJson({ ...grid }))).toEqual([Math.LN2]);
  });

  it.each(BUILT_IN_NAMES)('%s: means over the nonzero weights under tfjs', (name) => {
    expect(lossOf(name, bcelJson({ ...grid, profile: 'tfjs' }))).toEqual([2 * Math.LN2]);
    expect(lossOf(name, bcelJson({ ...grid, weight: [0], profile: 'tfjs' }))[0]).toBeNaN();
  });

  it.each(BUILT_IN_NAMES)('%s: smooths binary targets toward 0.5 where the profile does (LS-7, BCE-6)', (name) => {
    const smoothed = lossOf(name, bcelJson(one({ profile: 'keras', input: [0], target: [1], labelSmoothing: 1 })));
    expect(smoothed).toEqual([Math.LN2]);
  });
});
