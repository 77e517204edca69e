import { describe, expect, it } from 'vitest';
import { bceJson, bcelJson, softmaxJson } from '../__helpers__/cases.js';
import { lossOf } from '../__helpers__/run.js';

// The textbook forms must show the failures the seed notes warn about (DT-4, TOL-ACC);
// later issues measure them. Each failure is shown against `accurate` on the same case.
const sum = { reduction: 'sum' };

describe('naive: softmax then log', () => {
  it('should overflow: exp(800) = ∞ makes the other classes p = 0 and the loss +∞', () => {
    const c = softmaxJson({ ...sum, shape: [1, 3], input: [800, 0, -1], target: [1] });
    expect(lossOf('naive', c)).toEqual([Infinity]);
    expect(Number.isFinite(lossOf('accurate', c)[0])).toBe(true);
  });

  it('should overflow in float16 already at 12: ∞/∞ = NaN', () => {
    const c = softmaxJson({ ...sum, dtype: 'float16', shape: [1, 2], input: [12, 0], target: [0] });
    expect(lossOf('naive', c)[0]).toBeNaN();
    expect(lossOf('accurate', c)[0]).toBeGreaterThan(0);
  });

  it('should underflow to log 0 = −∞ for a target 800 below the max', () => {
    const c = softmaxJson({ ...sum, shape: [1, 2], input: [0, -800], target: [1] });
    expect(lossOf('naive', c)).toEqual([Infinity]);
    expect(lossOf('accurate', c)).toEqual([800]);
  });

  it('should overflow a float16 sum whose mean is finite (pytorch#85791)', () => {
    const positions = 40;
    const rows = Array.from({ length: positions }, () => [0, 2048]).flat();
    const c = softmaxJson({ dtype: 'float16', shape: [positions, 2], input: rows, target: Array(positions).fill(0) });
    expect(lossOf('naive', c)).toEqual([Infinity]);
    expect(lossOf('accurate', c)).toEqual([2048]);
  });

  it('should lose a loss below u: p_t rounds to 1', () => {
    const c = softmaxJson({ ...sum, shape: [1, 10], input: [40, 0, 0, 0, 0, 0, 0, 0, 0, 0], target: [0] });
    expect(lossOf('naive', c)).toEqual([0]);
    expect(lossOf('accurate', c)[0]).toBeGreaterThan(0);
  });
});

describe('naive: sigmoid then log', () => {
  it('should return 0 for BCE with logits at x = −40, y = 0, whose loss is 4e-18', () => {
    const c = bcelJson({ ...sum, shape: [1], input: [-40], target: [0] });
    expect(lossOf('naive', c)).toEqual([0]);
    expect(lossOf('accurate', c)[0]).toBeGreaterThan(0);
  });

  it('should give NaN once σ saturates: 0·log 0', () => {
    expect(lossOf('naive', bcelJson({ ...sum, shape: [1], input: [800], target: [1] }))[0]).toBeNaN();
    expect(lossOf('naive', bcelJson({ ...sum, shape: [1], input: [-800], target: [0] }))[0]).toBeNaN();
    expect(lossOf('accurate', bcelJson({ ...sum, shape: [1], input: [-800], target: [0] }))).toEqual([0]);
  });

  it('should lose log(1 − p) for tiny p by subtracting from 1 (BCE-1)', () => {
    const c = bceJson({ ...sum, shape: [1], input: [1e-20], target: [0] });
    expect(lossOf('naive', c)).toEqual([0]);
    expect(lossOf('accurate', c)[0]).toBeGreaterThan(0);
  });
});
