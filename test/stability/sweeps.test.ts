import { describe, expect, it } from 'vitest';
import { decodeCase } from '../../src/case/decode.js';
import { DTYPES, type Dtype } from '../../src/case/types.js';
import { validateCase } from '../../src/case/validate.js';
import { FORMATS, roundTo } from '../../src/numeric/dtype.js';
import { logUnderflow } from '../../src/stability/predictions.js';
import { classesCase } from '../../src/stability/sweeps/classes.js';
import { gapCase } from '../../src/stability/sweeps/gap.js';
import { SWEEPS, sweepNamed } from '../../src/stability/sweeps/index.js';
import { offsetCase, OFFSET_ROW_SPREAD } from '../../src/stability/sweeps/offset.js';
import { scaleCase } from '../../src/stability/sweeps/scale.js';
import { smoothingCase } from '../../src/stability/sweeps/smoothing.js';

interface Built {
  readonly input: number[];
  readonly target: number[];
  readonly shape: number[];
}

/** The rows of a softmax CE case. */
function rows(json: unknown): { logits: number[]; target: number }[] {
  const c = json as Built;
  const [n, classes] = c.shape as [number, number];
  return Array.from({ length: n }, (_, i) => ({
    logits: c.input.slice(i * classes, (i + 1) * classes),
    target: c.target[i]!,
  }));
}

describe('the sweeps (spec/stability.md#SWP-1..8)', () => {
  it('should build valid cases of their loss at both ends of the range and between, in every dtype', () => {
    for (const sweep of SWEEPS.filter((s) => s.name !== 'classes'))
      for (const dtype of DTYPES) {
        const [lo, hi] = sweep.range(dtype);
        for (const x of [lo, Math.sqrt(lo) * Math.sqrt(hi), hi]) {
          const c = validateCase(decodeCase(sweep.build(x, dtype, 7)));
          expect([c.loss, c.reduction, c.outputs]).toEqual([sweep.loss, 'none', ['loss']]);
        }
      }
    for (const dtype of DTYPES) expect(() => validateCase(decodeCase(classesCase(1000, dtype, 7)))).not.toThrow();
  });

  it('should build the same case for the same seed and value, and other rows for another seed (SWP-1)', () => {
    const input = (name: string, seed: number) =>
      (SWEEPS.find((s) => s.name === name)!.build(10, 'float32', seed) as unknown as Built).input;
    for (const sweep of SWEEPS) {
      expect(sweep.build(10, 'float32', 3)).toEqual(sweep.build(10, 'float32', 3));
      // x and p draw nothing: their cases do not depend on the seed.
      if (['x', 'p'].includes(sweep.name)) expect(input(sweep.name, 4)).toEqual(input(sweep.name, 3));
      else expect(input(sweep.name, 4)).not.toEqual(input(sweep.name, 3));
    }
  });

  it('scale (SWP-2): k classes at RN(x), every other at most half of it, the target below the maximum', () => {
    for (const [dtype, x, ties] of [
      ['float32', 88.7, 1],
      ['float16', 11.1, 3],
      ['bfloat16', 1e30, 1],
    ] as const) {
      const round = roundTo(dtype);
      for (const [i, row] of rows(scaleCase(x, dtype, 5, { ties })).entries()) {
        const top = row.logits.filter((v) => v === round(x));
        expect(top).toHaveLength(ties);
        expect(row.logits[i % 8]).toBe(round(x));
        for (const v of row.logits) if (v !== round(x)) expect(v).toBeLessThanOrEqual(round(x / 2));
        expect(row.logits[row.target]).toBeLessThan(round(x));
      }
    }
    for (const row of rows(scaleCase(50, 'float32', 5, { classes: 8, ties: 8 }))) {
      expect(new Set(row.logits)).toEqual(new Set([50]));
    }
  });

  it('gap (SWP-3): the maximum at 0, one class at RN(−g) and the rest further down; targets alternate', () => {
    const g = 103.5;
    for (const [i, row] of rows(gapCase(g, 'float32', 5)).entries()) {
      expect(Math.max(...row.logits)).toBe(0);
      expect(row.logits.filter((v) => v === Math.fround(-g))).toHaveLength(1);
      expect(row.logits.filter((v) => v !== 0 && v !== Math.fround(-g)).every((v) => v <= -g && v >= -2 * g)).toBe(
        true,
      );
      expect(row.logits[row.target]).toBe(i % 2 === 0 ? 0 : Math.fround(-g));
    }
  });

  it('offset (SWP-4): rows within the spread of a shift of +v in even rows and −v in odd ones', () => {
    const v = 1e4;
    for (const [i, row] of rows(offsetCase(v, 'float64', 5)).entries()) {
      const shift = i % 2 === 0 ? v : -v;
      expect(Math.max(...row.logits)).toBe(shift);
      expect(Math.min(...row.logits)).toBeGreaterThanOrEqual(shift - OFFSET_ROW_SPREAD);
    }
  });

  it('classes (SWP-5): the row of C + 1 classes extends the row of C; targets are the maximum and the minimum', () => {
    const [small, large] = [rows(classesCase(100, 'float32', 5)), rows(classesCase(101, 'float32', 5))];
    for (const i of [0, 1]) expect(large[i]!.logits.slice(0, 100)).toEqual(small[i]!.logits);
    const [first, second] = small as [(typeof small)[0], (typeof small)[0]];
    expect(first.logits[first.target]).toBe(Math.max(...first.logits));
    expect(second.logits[second.target]).toBe(Math.min(...second.logits));
    expect(Math.min(...first.logits, ...second.logits)).toBeGreaterThanOrEqual(-8);
  });

  it('smoothing (SWP-6): ε as the label smoothing, row i spanning (i + 1)/R · 2λ_d', () => {
    for (const dtype of ['float64', 'float16'] as Dtype[]) {
      const c = smoothingCase(0.25, dtype, 5);
      expect(c.labelSmoothing).toBe(0.25);
      for (const [i, row] of rows(c).entries()) {
        expect(Math.max(...row.logits)).toBe(0);
        expect(Math.min(...row.logits)).toBe(roundTo(dtype)(-((i + 1) / 8) * 2 * logUnderflow(dtype)));
      }
    }
  });

  it('x and p (SWP-7, SWP-8): ±x, and δ and 1 − δ, each with the targets 0, 1, 1/4, 3/4', () => {
    const targets = [0, 1, 0.25, 0.75, 0, 1, 0.25, 0.75];
    const logits = sweepNamed('x').build(20, 'float16', 1) as unknown as Built;
    expect(logits.input).toEqual([20, 20, 20, 20, -20, -20, -20, -20]);
    expect(logits.target).toEqual(targets);
    const tiny = FORMATS.float32.minSubnormal;
    const probabilities = sweepNamed('p').build(tiny, 'float32', 1) as unknown as Built;
    expect(probabilities.input).toEqual([tiny, tiny, tiny, tiny, 1, 1, 1, 1]);
    expect(probabilities.target).toEqual(targets);
  });
});
