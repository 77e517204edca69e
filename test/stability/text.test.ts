import { describe, expect, it } from 'vitest';
import { formatThresholds, threeDigits } from '../../src/stability/text.js';
import type { StabilityReport, StabilitySeries } from '../../src/stability/types.js';

const series = (s: Partial<StabilitySeries>): StabilitySeries => ({
  implementation: 'naive',
  loss: 'softmax_cross_entropy',
  dtype: 'float32',
  sweep: 'scale',
  quantity: 'max logit',
  points: [],
  firstNonFinite: null,
  firstHalfBitsLost: null,
  ...s,
});

const report = (all: StabilitySeries[]): StabilityReport => ({
  tool: 'losscheck',
  version: '0',
  kind: 'stability',
  seed: 1,
  pointsPerDecade: 3,
  profile: 'torch',
  seconds: 1,
  series: all,
});

describe('formatThresholds (spec/formats.md#CLI-7)', () => {
  it('should write three significant digits, without a plus in exponents', () => {
    expect([88.72409214245616, 1.7976931348623157e308, 0.0000019512, 82822, 11, 9.183e-41].map(threeDigits)).toEqual([
      '88.7',
      '1.8e308',
      '0.00000195',
      '82800',
      '11',
      '9.18e-41',
    ]);
  });

  it('should give one line per series that reached a threshold, and name those never non-finite', () => {
    const text = formatThresholds(
      report([
        series({ firstNonFinite: 88.72409, firstHalfBitsLost: 88.72409 }),
        series({ implementation: 'fused', sweep: 'gap', quantity: 'gap', firstHalfBitsLost: 11.13 }),
        series({ implementation: 'accurate' }),
      ]),
    );
    expect(text).toMatch(
      /^ {2}naive float32 softmax_cross_entropy: non-finite from max logit 88\.7; more than half the bits lost from 88\.7$/m,
    );
    expect(text).toMatch(/^ {2}fused float32 softmax_cross_entropy: more than half the bits lost from gap 11\.1$/m);
    expect(text).toMatch(/^never non-finite where the exact loss is finite: fused, accurate$/m);
  });

  it('should say when a threshold is the first value swept, walk p downwards, and list the skipped series', () => {
    const text = formatThresholds(
      report([
        series({ sweep: 'smoothing', quantity: 'smoothing', firstNonFinite: 1e-6, firstHalfBitsLost: 1e-6 }),
        series({ loss: 'binary_cross_entropy', sweep: 'p', quantity: 'δ', firstHalfBitsLost: 1.95e-6 }),
        series({ implementation: 'tfjs', dtype: 'float64', skipped: 'float64 is not offered' }),
      ]),
    );
    expect(text).toMatch(
      /non-finite from smoothing 0\.000001 \(the first value swept\); more than half the bits lost from 0\.000001$/m,
    );
    expect(text).toMatch(/binary_cross_entropy:\s+more than half the bits lost from δ 0\.00000195 down$/m);
    expect(text).toMatch(/^skipped tfjs float64 softmax_cross_entropy scale: float64 is not offered$/m);
    expect(text).not.toMatch(/never non-finite/);
  });
});
