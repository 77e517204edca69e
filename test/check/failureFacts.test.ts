/**
 * REP-10.2: a failure's condition number goes into the JSON report only where it is a JSON number;
 * a failure whose exact value is infinite has no finite κ (found by `merge` reading such a report).
 */
import { describe, expect, it } from 'vitest';
import { failureFacts } from '../../src/check/failureFacts.js';

const INFINITE_EXACT = {
  id: 'softmax-torch-float16',
  loss: 'softmax_cross_entropy',
  dtype: 'float16',
  profile: 'torch',
  shape: [1, 3],
  input: [0, '-Infinity', 0],
  targetKind: 'probability',
  target: [1, 1, 1],
  labelSmoothing: 9.5367431640625e-7,
  reduction: 'none',
  outputs: ['loss'],
} as const;

describe('failureFacts (REP-10.2)', () => {
  it('should leave out a κ that is not finite, so that the report stays JSON that reads back', () => {
    const facts = failureFacts(
      {
        counterexample: INFINITE_EXACT,
        value: { output: 'loss', index: 0, actual: 'NaN', expected: 'Infinity' },
        kind: 'semantic',
        bits: 16,
      },
      'stable',
    );
    expect(facts).not.toHaveProperty('condition');
    expect(JSON.parse(JSON.stringify(facts))).toEqual(facts);
  });
});
