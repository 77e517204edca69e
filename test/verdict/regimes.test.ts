import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROFILE_RULES } from '../../src/case/profiles.js';
import { FORMATS } from '../../src/numeric/dtype.js';
import { REGIMES, caseRegimes, expThreshold, regimesOf, underflowGap } from '../../src/verdict/regimes.js';
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
    const row = (classes: number) =>
      softmaxJson({ shape: [1, classes], input: Array.from({ length: classes }, (_, j) => j % 7), target: [3] });
    expect(regimes(row(1024))).toContain('wide-row');
    expect(regimes(row(1023))).not.toContain('wide-row');
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

/** The regimes REG-2's table lists, in its order: the backticked names of each row's first cell. */
function specRegimes(): string[] {
  const spec = readFileSync(new URL('../../spec/formats.md', import.meta.url), 'utf8');
  const clause = spec.slice(spec.indexOf('- **REG-2**'), spec.indexOf('- **REG-3**'));
  return [...clause.matchAll(/^\s*\| (`[a-z0-9-]+`(?:, `[a-z0-9-]+`)*) \|/gm)].flatMap((m) =>
    m[1]!.split(', ').map((name) => name.slice(1, -1)),
  );
}

describe('the regimes of each loss (REG-1)', () => {
  const torch = PROFILE_RULES.torch;
  const without = { ...torch, ignoreIndex: false, softmaxSmoothing: false };

  it("should be REG-2's table, in its order", () => {
    expect(specRegimes()).toHaveLength(12);
    expect(REGIMES).toEqual(specRegimes());
  });

  it('should give softmax CE every regime but probability-edge, ignored-target and smoothing-1 with their options', () => {
    expect(regimesOf('softmax_cross_entropy', torch)).toEqual(REGIMES.filter((r) => r !== 'probability-edge'));
    expect(regimesOf('softmax_cross_entropy', without)).toEqual(
      REGIMES.filter((r) => !['probability-edge', 'ignored-target', 'smoothing-1'].includes(r)),
    );
    expect(regimesOf('softmax_cross_entropy', { ...torch, softmaxSmoothing: false })).toContain('ignored-target');
    expect(regimesOf('softmax_cross_entropy', { ...torch, ignoreIndex: false })).toContain('smoothing-1');
  });

  it('should give NLL tiny-loss, subnormal and ignored-target where the profile ignores, and the binary losses theirs', () => {
    expect(regimesOf('negative_log_likelihood', torch)).toEqual(['tiny-loss', 'subnormal', 'ignored-target']);
    expect(regimesOf('negative_log_likelihood', without)).toEqual(['tiny-loss', 'subnormal']);
    expect(regimesOf('binary_cross_entropy_with_logits', torch)).toEqual([
      'exp-threshold',
      'huge-gap',
      'tiny-loss',
      'subnormal',
    ]);
    expect(regimesOf('binary_cross_entropy', torch)).toEqual(['tiny-loss', 'subnormal', 'probability-edge']);
  });
});

describe("the thresholds' edges (REG-2: within 2, more than G_d, below u_d, below the smallest normal)", () => {
  it('should take an input exactly 2 from ln Ω as near the exp threshold, and a smallest normal as normal', () => {
    const threshold = expThreshold('float64');
    expect(threshold + 2 - threshold).toBe(2); // exact: both in [512, 1024)
    expect(regimes(bcelJson({ input: [threshold + 2, 0, 0] }))).toContain('exp-threshold');
    expect(regimes(bcelJson({ input: [threshold + 2.5, 0, 0] }))).not.toContain('exp-threshold');
    const { minNormal } = FORMATS.float64;
    expect(regimes(bcelJson({ input: [minNormal, 0.5, 1] }))).not.toContain('subnormal');
    expect(regimes(bcelJson({ input: [minNormal / 2, 0.5, 1] }))).toContain('subnormal');
  });

  it('should put a softmax target class exactly G_d below the maximum out of huge-gap, and one more below in it', () => {
    const gap = underflowGap('float64');
    expect(regimes(softmaxJson({ shape: [1, 2], input: [0, -gap], target: [1] }))).not.toContain('huge-gap');
    expect(regimes(softmaxJson({ shape: [1, 2], input: [0, -gap - 1], target: [1] }))).toContain('huge-gap');
  });

  it('should put a BCE-with-logits logit exactly ±G_d out of huge-gap, past it on either wrong side in it', () => {
    const gap = underflowGap('float64');
    const bcel = (x: number, y: number) => regimes(bcelJson({ input: [x, 0.5, 1], target: [y, 0.5, 0.5] }));
    expect(bcel(gap, 0)).not.toContain('huge-gap');
    expect(bcel(-gap, 1)).not.toContain('huge-gap');
    expect(bcel(-750, 1)).toContain('huge-gap');
    expect(bcel(-750, 0.5)).toContain('huge-gap');
    expect(bcel(-750, 0)).not.toContain('huge-gap');
    expect(bcel(750, 1)).not.toContain('huge-gap');
    expect(bcel(3, 0.5)).not.toContain('huge-gap');
  });

  it('should count a loss of exactly u_d out of tiny-loss, one below it in, and a loss of 0 out', () => {
    const u = FORMATS.float64.unitRoundoff;
    const nll = (lossOfFirst: number) =>
      regimes(
        softmaxJson({
          loss: 'negative_log_likelihood',
          shape: [2, 2],
          input: [-lossOfFirst, -1, -2, -3],
          target: [0, 1],
        }),
      );
    expect(nll(u)).not.toContain('tiny-loss');
    expect(nll(u / 2)).toContain('tiny-loss');
    expect(nll(0)).not.toContain('tiny-loss');
    // An ignored position's loss is 0: not tiny.
    expect(regimes(softmaxJson({ shape: [2, 2], input: [0, 1, 2, 3], target: [-100, 0] }))).not.toContain('tiny-loss');
  });

  it('should find a probability exactly 0 or exactly 1 at the edge, each alone', () => {
    expect(regimes(bceJson({ input: [0, 0.5, 0.5] }))).toContain('probability-edge');
    expect(regimes(bceJson({ input: [1, 0.5, 0.5] }))).toContain('probability-edge');
  });
});

describe('a large offset (REG-2: largest finite magnitude ≥ 1024 and ≥ 4 × the spread)', () => {
  const offset = (input: number[]) => regimes(softmaxJson({ shape: [1, input.length], input, target: [0] }));

  it('should hold at both edges included, and not where either fails', () => {
    expect(offset([1024, 768])).toContain('large-offset');
    expect(offset([1023.5, 767.5])).not.toContain('large-offset');
    expect(offset([2000, 1500])).toContain('large-offset');
    expect(offset([2000, 1400])).not.toContain('large-offset');
    expect(offset([-2000, -1400])).not.toContain('large-offset');
    expect(offset([1000, 1000])).not.toContain('large-offset');
  });
});

describe('the rows of a case and their target classes (REG-2: huge-gap and ties per row)', () => {
  // Shape [2, 2, 2]: position (n, k) reads classes at n·C·d + c·d + k.
  const kDim = (input: number[], over: CaseJson = {}) =>
    regimes(softmaxJson({ shape: [2, 2, 2], input, target: [0, 0, 0, 0], ...over }));

  it('should read each position of a k-dimensional case across its classes, never adjacent elements', () => {
    expect(kDim([0, 1, 2, 4, 5, 3, 6, 3])).toContain('ties'); // position (1, 1): [3, 3]
    expect(kDim([0, 0, 1, 2, 3, 3, 4, 5])).not.toContain('ties'); // equal neighbours, no equal classes
  });

  it('should take the probability-target classes with positive mass, per position', () => {
    const input = [0, -800, -800, 0];
    const probabilities = (target: number[]) =>
      regimes(softmaxJson({ shape: [1, 2, 2], input, targetKind: 'probability', target }));
    expect(probabilities([1, 0, 0, 1])).not.toContain('huge-gap'); // the mass on each maximum
    expect(probabilities([0, 1, 1, 0])).toContain('huge-gap'); // the mass 800 below
  });

  it('should find the targeted classes of each position of a k-dimensional case with probability targets', () => {
    // Shape [2, 2, 2]: only position (1, 1) — its classes at 5 and 7 — has a class 800 below its maximum.
    const input = [0, 0, 0, 0, 0, 0, 0, -800];
    const probabilities = (target: number[]) =>
      regimes(softmaxJson({ shape: [2, 2, 2], input, targetKind: 'probability', target }));
    expect(probabilities([1, 1, 0, 0, 1, 0, 0, 1])).toContain('huge-gap'); // its mass on that class
    expect(probabilities([1, 1, 0, 0, 1, 1, 0, 0])).not.toContain('huge-gap'); // its mass on the maximum
  });

  it('should take the label, label 0 included, and every class under smoothing', () => {
    const row = (target: number, labelSmoothing: number) =>
      regimes(softmaxJson({ shape: [1, 3], input: [0, 800, 800], target: [target], labelSmoothing }));
    expect(row(0, 0)).toContain('huge-gap');
    expect(row(1, 0)).not.toContain('huge-gap');
    expect(row(1, 0.1)).toContain('huge-gap');
    expect(row(-100, 0)).not.toContain('huge-gap');
  });

  it("should not read a softmax case's logits as BCE with logits' elements", () => {
    // Both classes within 1 of each other: no gap, though 750 is past G on a target of 0.
    const c = softmaxJson({ shape: [1, 2], input: [750, 749], targetKind: 'probability', target: [0, 1] });
    expect(regimes(c)).not.toContain('huge-gap');
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
