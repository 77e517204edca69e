import { describe, expect, it } from 'vitest';
import { ErrorCounts, errorBin } from '../../src/check/errorCounts.js';
import { valid, softmaxJson } from '../__helpers__/cases.js';

describe('the distribution of errors (REP-1 `errors`)', () => {
  it('should bin a value by ⌈log2(1 + ULPs)⌉, capped at the dtype width', () => {
    expect([0, 1, 2, 3, 4, 7, 8].map((u) => errorBin(u, 64))).toEqual([0, 1, 2, 2, 3, 3, 4]);
    expect(errorBin(Infinity, 24)).toBe(24);
    expect(errorBin(2 ** 40, 24)).toBe(24);
  });

  it('should count per loss, dtype and output, and add counts of another run in', () => {
    const counts = new ErrorCounts();
    const c = valid(softmaxJson());
    counts.record(c, [
      { output: 'grad', ulps: 0 },
      { output: 'loss', ulps: 3 },
      { output: 'grad', ulps: 1 },
    ]);
    counts.add(counts.list());
    expect(counts.list()).toEqual([
      { loss: 'softmax_cross_entropy', dtype: 'float64', output: 'loss', counts: [0, 0, 2] },
      { loss: 'softmax_cross_entropy', dtype: 'float64', output: 'grad', counts: [2, 2] },
    ]);
  });
});
