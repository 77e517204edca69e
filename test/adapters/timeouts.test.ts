import { describe, expect, it } from 'vitest';
import { caseTimeoutMs } from '../../src/adapters/timeouts.js';
import { decoded, softmaxJson } from '../__helpers__/cases.js';

/** A softmax case of one row of `classes` classes: `classes + 1` values with its label. */
const row = (classes: number) =>
  decoded(softmaxJson({ shape: [1, classes], input: new Array<number>(classes).fill(0), target: [0] }));

describe('caseTimeoutMs (FMT-5.3)', () => {
  it('should give a small case the base, and the first case after a start the base once more', () => {
    expect(caseTimeoutMs(row(3), 1000, false)).toBeCloseTo(1000 * (1 + 4 / 65536));
    expect(caseTimeoutMs(row(3), 1000, true)).toBeCloseTo(1000 * (2 + 4 / 65536));
  });

  it('should grow with every value the case holds: a 131072-class row has about three times the base', () => {
    expect(caseTimeoutMs(row(131071), 1000, false)).toBe(3000);
    const weighted = decoded(softmaxJson({ weight: [1, 1, 1] }));
    expect(caseTimeoutMs(weighted, 65536, false)).toBe(65536 + 6 + 2 + 3);
  });
});
