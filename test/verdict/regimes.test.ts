import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/numeric/dtype.js';
import { caseRegimes, expThreshold, regimesOf, underflowGap } from '../../src/verdict/regimes.js';
import { bceJson, bcelJson, softmaxJson, valid, type CaseJson } from '../__helpers__/cases.js';
import { RegimeCounts, shortfalls } from '../../src/check/regimeCounts.js';

const regimes = (json: CaseJson) => caseRegimes(valid(json));

describe('the thresholds of the regimes (REG-2)', () => {
  it("should put exp's overflow at ln Ω and the underflow gap where e^(−gap) rounds to 0", () => {
    expect(expThreshold('float32')).toBeCloseTo(88.72, 2);
    expect(expThreshold('float16')).toBeCloseTo(11.09, 2);
    expect(expThreshold('float64')).toBeCloseTo(709.78, 2);
    // Half the smallest subnormal and below rounds to 0 (to nearest, ties to even); a little above does not.
    for (const [dtype, round] of [
      ['float64', (x: number) => x],
      ['float32', Math.fround],
    ] as const) {
      expect(round(Math.exp(-underflowGap(dtype) - 1e-6))).toBe(0);
      expect(round(Math.exp(-underflowGap(dtype) + 1e-6))).toBe(FORMATS[dtype].minSubnormal);
    }
  });
});

describe('the regimes of a case (REG-2)', () => {
  it('should find a moderate softmax case in no regime but smoothing-0', () => {
    expect(regimes(softmaxJson())).toEqual(['smoothing-0']);
  });

  it('should find logits near the exp threshold, ties, subnormals and infinities', () => {
    const json = softmaxJson({
      dtype: 'float32',
      input: [88, 88, Math.fround(1e-40), 0, -Infinity, 1],
      labelSmoothing: 0.1,
    });
    expect(regimes(json)).toEqual(['exp-threshold', 'subnormal', 'infinity', 'ties']);
  });

  it('should find a target logit beyond the underflow gap, and a large offset', () => {
    const gap = underflowGap('float32');
    expect(
      regimes(softmaxJson({ dtype: 'float32', shape: [1, 2], input: [Math.fround(gap + 1), 0], target: [1] })),
    ).toContain('huge-gap');
    expect(
      regimes(softmaxJson({ dtype: 'float32', shape: [1, 2], input: [Math.fround(gap - 1), 0], target: [1] })),
    ).not.toContain('huge-gap');
    expect(regimes(softmaxJson({ shape: [1, 3], input: [1e4, 1e4 + 1, 1e4 - 2], target: [0] }))).toContain(
      'large-offset',
    );
  });

  it('should find a tiny loss, an ignored target, smoothing 1 and a wide row', () => {
    expect(regimes(softmaxJson({ shape: [1, 2], input: [50, 0], target: [0] }))).toContain('tiny-loss');
    expect(regimes(softmaxJson({ target: [0, -100] }))).toContain('ignored-target');
    expect(regimes(softmaxJson({ labelSmoothing: 1 }))).toContain('smoothing-1');
    const wide = softmaxJson({
      shape: [1, 131072],
      input: Array.from({ length: 131072 }, (_, j) => j % 7),
      target: [3],
    });
    expect(regimes(wide)).toContain('wide-row');
  });

  it('should find the binary regimes: a probability at 0 or 1, a logit past the gap on the wrong side', () => {
    expect(regimes(bceJson({ input: [0, 0.5, 1] }))).toContain('probability-edge');
    expect(regimes(bceJson())).not.toContain('probability-edge');
    expect(regimes(bcelJson({ input: [709, 0, 0], target: [0, 0, 0] }))).toEqual(['exp-threshold']);
    expect(regimes(bcelJson({ input: [750, 0, 0], target: [0, 0, 0] }))).toEqual(['huge-gap']);
    expect(regimes(bcelJson({ input: [750, 0, 0], target: [1, 0, 0] }))).not.toContain('huge-gap');
  });

  it("should list only the regimes of the loss and the profile's options (REG-1)", () => {
    const c = valid(softmaxJson());
    expect(regimesOf('softmax_cross_entropy', c.rules)).not.toContain('probability-edge');
    expect(regimesOf('binary_cross_entropy', c.rules)).toEqual(['tiny-loss', 'subnormal', 'probability-edge']);
  });
});

describe('coverage by regime (REG-3)', () => {
  it('should count cases per loss and dtype, every regime of the loss listed, and the shortfalls under N', () => {
    const counts = new RegimeCounts();
    counts.countJson(softmaxJson());
    counts.countJson(softmaxJson({ labelSmoothing: 1 }));
    counts.countJson({ loss: 'softmax_cross_entropy', shape: [1] }); // invalid: in no regime, not counted
    const [entry] = counts.list();
    expect(entry).toMatchObject({ loss: 'softmax_cross_entropy', dtype: 'float64', cases: 2 });
    expect(entry!.regimes).toMatchObject({ 'smoothing-0': 1, 'smoothing-1': 1, 'wide-row': 0 });
    const short = shortfalls(counts.list(), 1);
    expect(short.map((s) => s.regime)).toContain('wide-row');
    expect(short.map((s) => s.regime)).not.toContain('smoothing-0');
  });
});
