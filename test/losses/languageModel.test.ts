/**
 * The semantics of ZL, CAP, LSE, UP and LCE (spec/losses.md) on the certified reference and the
 * built-ins: each option's defining identity, on small cases.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { LossValues } from '../../src/case/types.js';
import { createReferenceEngine } from '../../src/reference/engines.js';
import { evaluateReference } from '../../src/reference/reference.js';
import { linearJson, softmaxJson, valid, type CaseJson } from '../__helpers__/cases.js';
import { BUILT_IN_NAMES, run } from '../__helpers__/run.js';

const engine = await createReferenceEngine('mpfr');
afterAll(() => engine.dispose());

const reference = (json: CaseJson): LossValues => evaluateReference(valid(json), engine).values;
const values = (a: Float64Array | undefined) => Array.from(a ?? []);
/** Within a few units of the last place of binary64, relative to the magnitude m. */
const near = (a: number, b: number, m = Math.abs(b)) => Math.abs(a - b) <= 8 * 2 ** -53 * Math.max(m, 1e-300);

const ROW = { shape: [3, 4], input: [1, 2, 3, 4, -1, 0.5, 40, 2, 0, 0, 0, 0], target: [0, 2, -100] };

describe('LSE: the log-sum-exp output', () => {
  it('should give every position its lse, ignored ones too, and lse − x_t = the loss (LSE-1, LSE-3)', () => {
    const v = reference(softmaxJson({ ...ROW, reduction: 'none', outputs: ['loss', 'lse'] }));
    expect(values(v.lse)).toHaveLength(3);
    expect(near(v.lse![0]! - 1, v.loss[0]!, v.lse![0]!)).toBe(true);
    expect(near(v.lse![2]!, Math.log(4))).toBe(true); // the ignored row of zeros
    expect(v.loss[2]).toBe(0);
  });

  it('should be the extended-real value on special rows (LSE-2)', () => {
    const lse = (input: unknown[], extra: CaseJson = {}) =>
      reference(softmaxJson({ shape: [1, 2], input, target: [0], outputs: ['lse'], ...extra })).lse![0];
    expect(lse([0, 'NaN'])).toBeNaN();
    expect(lse([0, 'Infinity'])).toBe(Infinity);
    expect(lse(['-Infinity', '-Infinity'])).toBe(-Infinity);
    // CAP-3: capped, ±∞ become ±c: log(2·e^{−1}) = log 2 − 1.
    expect(near(lse(['-Infinity', '-Infinity'], { logitSoftcap: 1 })!, Math.LN2 - 1)).toBe(true);
  });
});

describe('ZL: z-loss', () => {
  const z = 0.01;
  it('should add z·lse² to every non-ignored position and nothing to an ignored one (ZL-1)', () => {
    const plain = reference(softmaxJson({ ...ROW, reduction: 'none', outputs: ['loss', 'lse'] }));
    const withZ = reference(softmaxJson({ ...ROW, reduction: 'none', zLoss: z, outputs: ['loss', 'lse'] }));
    for (const i of [0, 1]) {
      const lse = plain.lse![i]!;
      expect(near(withZ.loss[i]!, plain.loss[i]! + z * lse * lse, plain.loss[i]! + z * lse * lse)).toBe(true);
    }
    expect(withZ.loss[2]).toBe(0);
  });

  it("should divide by the cross-entropy's own denominator under mean (ZL-2)", () => {
    const sum = reference(softmaxJson({ ...ROW, reduction: 'sum', zLoss: z })).loss[0]!;
    const mean = reference(softmaxJson({ ...ROW, reduction: 'mean', zLoss: z })).loss[0]!;
    expect(near(mean * 2, sum)).toBe(true); // two positions are not ignored
  });

  it("should equal OLMo-core's two outputs summed: the mean CE plus the mean of z·lse² (ZL-4)", () => {
    const json = { ...ROW, reduction: 'mean', outputs: ['loss', 'lse'] };
    const withZ = reference(softmaxJson({ ...json, zLoss: z })).loss[0]!;
    const { loss, lse } = reference(softmaxJson({ ...json, reduction: 'none' }));
    const ce = reference(softmaxJson(json)).loss[0]!;
    const zTerm = (z * (lse![0]! ** 2 + lse![1]! ** 2)) / 2; // position 2 is ignored
    expect(near(withZ, ce + zTerm)).toBe(true);
    expect(loss[2]).toBe(0);
  });

  it('should add 2·z·lse·p to the gradient (ZL-3)', () => {
    const base = { shape: [1, 3], input: [0.5, -1, 2], target: [2], reduction: 'sum' };
    const plain = reference(softmaxJson({ ...base, outputs: ['grad', 'logProb', 'lse'] }));
    const withZ = reference(softmaxJson({ ...base, zLoss: z, outputs: ['grad'] }));
    const lse = plain.lse![0]!;
    plain.grad!.forEach((g, j) =>
      expect(near(withZ.grad![j]!, g + 2 * z * lse * Math.exp(plain.logProb![j]!), 2)).toBe(true),
    );
  });

  it('should overflow in neither fused nor accurate where the exact gradient or loss is finite (ZL-6)', () => {
    // lse = max double: 2·z·lse overflows, (W + 2·z·lse)·p_c does not (fused, seed 20261129).
    const huge = { shape: [1, 6], input: Array(6).fill(Number.MAX_VALUE), target: [0], zLoss: 1 };
    const third = Number.MAX_VALUE / 3; // ≈ (1 + 2·lse)/6, the −a_0 = −1 far below its ulp
    // lse = 2^560 with z = 2^-200: lse² overflows, z·lse² = 2^920 does not.
    const big = { shape: [1, 2], input: [2 ** 560, 2 ** 560], target: [0], zLoss: 2 ** -200 };
    // naive is left out: its unshifted exp overflows first, by design (CE-2.1).
    for (const name of ['fused', 'accurate'] as const) {
      run(name, softmaxJson({ ...huge, outputs: ['grad'] })).grad!.forEach((g) =>
        expect(near(g, third), name).toBe(true),
      );
      expect(near(run(name, softmaxJson(big)).loss[0]!, 2 ** 920), name).toBe(true);
    }
  });
});

describe('CAP: logit soft-capping', () => {
  it('should be the loss of the capped logits, with the gradient times 1 − tanh² (CAP-1, CAP-2)', () => {
    const c = 3;
    const x = [1, 2, 3, 4];
    const capped = x.map((v) => c * Math.tanh(v / c));
    const json = { shape: [1, 4], input: x, target: [1], reduction: 'sum', outputs: ['loss', 'grad'] };
    const v = reference(softmaxJson({ ...json, logitSoftcap: c }));
    const onCapped = run('accurate', softmaxJson({ ...json, input: capped }));
    expect(near(v.loss[0]!, onCapped.loss[0]!, 8)).toBe(true);
    v.grad!.forEach((g, j) => expect(near(g, onCapped.grad![j]! * (1 - Math.tanh(x[j]! / c) ** 2), 8)).toBe(true));
  });

  it('should cap an infinite logit at ±c, with gradient 0 (CAP-3)', () => {
    const v = reference(
      softmaxJson({ shape: [1, 2], input: ['Infinity', 0], target: [1], logitSoftcap: 1, outputs: ['loss', 'grad'] }),
    );
    expect(near(v.loss[0]!, 1 + Math.log1p(Math.exp(-1)))).toBe(true);
    expect(v.grad![0]).toBe(0);
  });

  it('should keep values, not only the arg-max: a dropped cap is caught (CAP-4)', () => {
    const json = softmaxJson({ shape: [1, 3], input: [40, 10, 0], target: [1], logitSoftcap: 30 });
    expect(reference(json).loss[0]).not.toBe(reference({ ...json, logitSoftcap: undefined }).loss[0]);
  });
});

describe('UP: upstream gradients', () => {
  it('should scale each position by its own upstream value under none, and by one value otherwise, leaving the loss as it is (UP-2, UP-3)', () => {
    const json = { ...ROW, outputs: ['loss', 'grad'] };
    const plain = reference(softmaxJson({ ...json, reduction: 'none' }));
    const up = reference(softmaxJson({ ...json, reduction: 'none', upstream: [0.5, -3, 7] }));
    expect(values(up.loss)).toEqual(values(plain.loss)); // UP-3
    const u = [0.5, -3, 7];
    up.grad!.forEach((g, k) => expect(g).toBe(plain.grad![k]! * u[Math.floor(k / 4)]!)); // exact: powers of 2 aside
  });

  it('should leave the gradient of an ignored position 0 (UP-2)', () => {
    const up = reference(softmaxJson({ ...ROW, reduction: 'sum', upstream: [-2], outputs: ['grad'] }));
    expect(values(up.grad).slice(8)).toEqual([0, 0, 0, 0]);
  });
});

describe('LCE: linear cross-entropy', () => {
  it('should be softmax CE of the exact logits h·Wᵀ + b (LCE-2)', () => {
    // logits [1, 2.5, 2, 8] and [-1, 1, 3, 5.5], exact in binary64
    const logits = [1, 2.5, 2, 8, -1, 1, 3, 5.5];
    const linear = reference(linearJson({ reduction: 'none', outputs: ['loss', 'lse'] }));
    const softmax = reference(
      softmaxJson({ shape: [2, 4], input: logits, target: [0, 3], reduction: 'none', outputs: ['loss', 'lse'] }),
    );
    expect(values(linear.loss)).toEqual(values(softmax.loss));
    expect(values(linear.lse)).toEqual(values(softmax.lse));
  });

  it('should give G·W, Gᵀ·h and Σ_n G for h, W and b (LCE-3)', () => {
    const logits = [1, 2.5, 2, 8, -1, 1, 3, 5.5];
    const g = reference(
      softmaxJson({ shape: [2, 4], input: logits, target: [0, 3], reduction: 'sum', outputs: ['grad'] }),
    ).grad!;
    const v = reference(linearJson({ reduction: 'sum', outputs: ['grad', 'gradWeight', 'gradBias'] }));
    const h = [1, 2, 3, -1, 0.5, 4];
    const w = [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1];
    for (let n = 0; n < 2; n++)
      for (let k = 0; k < 3; k++)
        expect(
          near(
            v.grad![n * 3 + k]!,
            [0, 1, 2, 3].reduce((s, j) => s + g[n * 4 + j]! * w[j * 3 + k]!, 0),
            4,
          ),
        ).toBe(true);
    for (let j = 0; j < 4; j++) {
      expect(near(v.gradBias![j]!, g[j]! + g[4 + j]!, 2)).toBe(true);
      for (let k = 0; k < 3; k++)
        expect(near(v.gradWeight![j * 3 + k]!, g[j]! * h[k]! + g[4 + j]! * h[3 + k]!, 8)).toBe(true);
    }
  });

  it('should not depend on how the rows are split, under sum (LCE-4)', () => {
    const whole = reference(linearJson({ reduction: 'sum', outputs: ['loss', 'gradWeight', 'gradBias'] }));
    const part = (n: number) =>
      reference(
        linearJson({
          shape: [1, 3],
          input: [1, 2, 3, -1, 0.5, 4].slice(3 * n, 3 * n + 3),
          target: [[0, 3][n]],
          reduction: 'sum',
          outputs: ['loss', 'gradWeight', 'gradBias'],
        }),
      );
    const [a, b] = [part(0), part(1)];
    expect(near(a.loss[0]! + b.loss[0]!, whole.loss[0]!)).toBe(true);
    whole.gradBias!.forEach((v, j) => expect(near(a.gradBias![j]! + b.gradBias![j]!, v, 2)).toBe(true));
  });

  it('should have no special values from finite inputs, and D = 0 as RED-4 (LCE-5)', () => {
    const allIgnored = reference(linearJson({ target: [-100, -100], outputs: ['loss', 'grad'] }));
    expect(allIgnored.loss[0]).toBeNaN();
    expect(values(allIgnored.grad).every((g) => g === 0)).toBe(true);
  });

  it('should give each gradient asked for alone, as when asked with the others, in every built-in (FMT-3)', () => {
    const outputs = ['loss', 'grad', 'gradWeight', 'gradBias'] as const;
    for (const name of BUILT_IN_NAMES) {
      const all = run(name, linearJson({ zLoss: 0.01, outputs: [...outputs] }));
      for (const output of outputs) {
        const alone = run(name, linearJson({ zLoss: 0.01, outputs: [output] }));
        expect(Object.keys(alone).sort(), `${name} ${output}`).toEqual([...new Set(['loss', output])].sort());
        expect(alone[output], `${name} ${output}`).toEqual(all[output]);
      }
    }
  });

  it('should be computed by every built-in close to the reference (fused, accurate in float64)', () => {
    const json = linearJson({
      zLoss: 0.01,
      logitSoftcap: 5,
      reduction: 'none',
      upstream: [2, -0.5],
      outputs: ['loss', 'grad', 'gradWeight', 'gradBias', 'lse'],
    });
    const want = reference(json);
    for (const name of ['fused', 'accurate'] as const) {
      const got = run(name, json);
      for (const output of ['loss', 'grad', 'gradWeight', 'gradBias', 'lse'] as const)
        got[output]!.forEach((v, k) => expect(near(v, want[output]![k]!, 64), `${name} ${output}[${k}]`).toBe(true));
    }
  });
});
