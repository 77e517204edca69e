import { describe, expect, it } from 'vitest';
import { valueCount } from '../../src/case/size.js';
import { decoded, linearJson, softmaxJson } from '../__helpers__/cases.js';

describe('the values a case carries (FMT-1, FMT-5.3, CLI-9)', () => {
  it('should count every value array, not shape or outputs, alike as JSON and decoded', () => {
    const json = softmaxJson({ weight: [1, 2, 3], upstream: [1, 0.5], outputs: ['loss', 'grad'] });
    // input 6 + target 2 + weight 3 + upstream 2
    expect(valueCount(json)).toBe(13);
    expect(valueCount(decoded(json))).toBe(13);
  });

  it("should count linear CE's weight and bias, and BCE's posWeight", () => {
    // input 6 + target 2 + linearWeight 12 + linearBias 4
    expect(valueCount(decoded(linearJson()))).toBe(24);
    const bcel = {
      loss: 'binary_cross_entropy_with_logits',
      shape: [2],
      input: [0, 1],
      target: [1, 0],
      posWeight: [2],
    };
    expect(valueCount(bcel)).toBe(5);
  });
});
