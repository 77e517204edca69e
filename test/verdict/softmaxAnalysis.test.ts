/**
 * TOL-MAG.1 and TOL-MAG.2 on the analysis (src/verdict/softmaxAnalysis.ts): the magnitudes a
 * capped or formed logit brings into log-probabilities, lse, and the gradients.
 */
import { describe, expect, it } from 'vitest';
import { tanhSlope } from '../../src/numeric/tanh.js';
import { analyzeCase } from '../../src/verdict/analysis.js';
import { linearJson, softmaxJson, valid } from '../__helpers__/cases.js';

describe('magnitudes of logits that are not the case doubles (TOL-MAG.1, TOL-MAG.2)', () => {
  it('should add nothing for the case doubles: m(lp_c) = |lp_c|', () => {
    const a = analyzeCase(valid(softmaxJson({ shape: [1, 3], input: [1, 2, 3], target: [0], outputs: ['logProb'] })));
    for (const lp of a.logProb!) expect(lp.m).toBe(Math.abs(lp.v));
  });

  it('should add |ĉx_c| + Σ p_j·|ĉx_j| for capped logits (TOL-MAG.1)', () => {
    const json = softmaxJson({
      shape: [1, 2],
      input: [3, -3],
      target: [0],
      logitSoftcap: 2,
      outputs: ['logProb', 'lse'],
    });
    const a = analyzeCase(valid(json));
    const z = [2 * Math.tanh(1.5), -2 * Math.tanh(1.5)];
    const p0 = 1 / (1 + Math.exp(z[1]! - z[0]!));
    const spread = p0 * Math.abs(z[0]!) + (1 - p0) * Math.abs(z[1]!);
    expect(a.logProb![1]!.m).toBeCloseTo(Math.abs(a.logProb![1]!.v) + Math.abs(z[1]!) + spread, 12);
    expect(a.lse![0]!.m).toBeCloseTo(Math.abs(z[0]!) + Math.log1p(Math.exp(z[1]! - z[0]!)) + spread, 12);
  });

  it("should add a linear logit's dot-product terms, Σ|h·W| + |b| (TOL-MAG.1)", () => {
    const a = analyzeCase(valid(linearJson({ shape: [1, 3], input: [1, 2, 3], target: [0], outputs: ['lse'] })));
    // |logits| = [1, 2.5, 2, 8] and their terms' magnitudes [1, 2.5, 4, 8]: the lse moves by Σ p_j·m_j.
    expect(a.lse![0]!.m).toBeGreaterThan(Math.abs(a.lse![0]!.v));
  });

  it('should carry the slope and the upstream gradient into the gradient magnitude (TOL-MAG.2)', () => {
    const base = { shape: [1, 2], input: [3, -3], target: [0], reduction: 'sum', outputs: ['grad'] };
    const plain = analyzeCase(valid(softmaxJson(base))).grad!;
    const scaled = analyzeCase(valid(softmaxJson({ ...base, upstream: [-4] }))).grad!;
    plain.forEach((g, j) => expect(scaled[j]!.m).toBeCloseTo(4 * g.m, 12));
    const capped = analyzeCase(valid(softmaxJson({ ...base, logitSoftcap: 1 }))).grad!;
    expect(capped[0]!.m).toBeLessThan(plain[0]!.m); // times 1 − tanh²(3) < 0.01
  });

  it("should measure a gradient far out on tanh's tail by its slope, not by 1 − tanh² rounded to 0 (TOL-MAG.2)", () => {
    // x/c = 26.16: tanh rounds to 1 in binary64, the slope is 4e^{−52.3}·(1 + …) ≈ 7e-23.
    const json = softmaxJson({ shape: [1, 2], input: [6.541029999189902, 0], target: [0], logitSoftcap: 0.25 });
    const slope = tanhSlope(6.541029999189902 / 0.25);
    expect(slope).toBeGreaterThan(0);
    const [g] = analyzeCase(valid({ ...json, outputs: ['grad'] })).grad!;
    // (|W| + |a_t|)·p_t + |a_t| ≥ 1, times the slope.
    expect(g!.m).toBeGreaterThanOrEqual(slope);
    expect(g!.m).toBeGreaterThanOrEqual(Math.abs(g!.v));
  });
});
