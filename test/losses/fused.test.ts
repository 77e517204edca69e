import { describe, expect, it } from 'vitest';
import { bceJson, bcelJson, softmaxJson } from '../__helpers__/cases.js';
import { lossOf } from '../__helpers__/run.js';

const sum = { reduction: 'sum' };

describe('fused: max-shifted log-softmax', () => {
  it('should not overflow or underflow where naive does', () => {
    expect(lossOf('fused', softmaxJson({ ...sum, shape: [1, 2], input: [0, -800], target: [1] }))).toEqual([800]);
    expect(
      lossOf('fused', softmaxJson({ ...sum, dtype: 'float16', shape: [1, 2], input: [12, 0], target: [1] })),
    ).toEqual([12]);
  });

  it('should cancel a tiny loss: log Σ rounds to 0 before the subtraction', () => {
    const c = softmaxJson({ ...sum, shape: [1, 10], input: [40, 0, 0, 0, 0, 0, 0, 0, 0, 0], target: [0] });
    expect(lossOf('fused', c)).toEqual([0]);
    const f32 = softmaxJson({
      ...sum,
      dtype: 'float32',
      shape: [1, 10],
      input: [20, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      target: [0],
    });
    expect(lossOf('fused', f32)).toEqual([0]);
    expect(lossOf('accurate', f32)[0]).toBeGreaterThan(0);
  });

  it('should sum float16 losses in float32, as PyTorch does (DT-4)', () => {
    const positions = 40;
    const rows = Array.from({ length: positions }, () => [0, 2048]).flat();
    const c = softmaxJson({ dtype: 'float16', shape: [positions, 2], input: rows, target: Array(positions).fill(0) });
    expect(lossOf('fused', c)).toEqual([2048]);
  });
});

describe('fused: the stable binary forms', () => {
  it('should keep tiny BCE-with-logits and BCE losses', () => {
    expect(lossOf('fused', bcelJson({ ...sum, shape: [1], input: [-40], target: [0] }))[0]).toBeGreaterThan(0);
    expect(lossOf('fused', bceJson({ ...sum, shape: [1], input: [1e-20], target: [0] }))[0]).toBeGreaterThan(0);
  });
});
