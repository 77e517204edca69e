import { describe, expect, it } from 'vitest';
import { renderStabilityHtml } from '../../src/stability/page.js';
import type { StabilityReport, StabilitySeries } from '../../src/stability/types.js';

const points = [1, 10, 88.7, 100, 1000].map((x) => ({
  x,
  meanBits: x > 88.72 ? 30 : 0.2,
  maxBits: x > 88.72 ? 32 : 1,
  nonFinite: x > 88.72 ? 8 : 0,
  nsPerValue: 120,
}));

const series = (implementation: string, dtype: 'float32' | 'float16', thresholds: boolean): StabilitySeries => ({
  implementation,
  loss: 'softmax_cross_entropy',
  dtype,
  sweep: 'scale',
  quantity: 'max logit',
  points,
  firstNonFinite: thresholds ? 88.72 : null,
  firstHalfBitsLost: thresholds ? 88.72 : null,
});

const report: StabilityReport = {
  tool: 'losscheck',
  version: '9.9.9',
  kind: 'stability',
  seed: 4,
  pointsPerDecade: 3,
  profile: 'torch',
  seconds: 2,
  series: [
    series('module:./<mine>.mjs', 'float32', true),
    series('accurate', 'float32', false),
    series('module:./<mine>.mjs', 'float16', true),
    { ...series('accurate', 'float16', false), points: [], skipped: 'float16 & more' },
  ],
};

describe('renderStabilityHtml (spec/formats.md#REP-6)', async () => {
  const html = await renderStabilityHtml(report, 'losscheck stability --impl naive --seed 4');

  it('should be one self-contained page: no script, nothing to fetch', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\((?!#)|(?:href|src)="(?!#)/i);
  });

  it('should give every element id once, so that each chart clips to its own plot', () => {
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(2);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('should draw one chart per dtype of each sweep, and say how to read them', () => {
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).toContain('scale: max logit (SWP-2)');
    expect(html).toContain('<b>Bits of error</b> are');
  });

  it('should give the command that reproduces the study, the thresholds reached and what was skipped, all escaped', () => {
    expect(html).toContain('<code>losscheck stability --impl naive --seed 4</code>');
    expect(html).toContain('<td>module:./&lt;mine&gt;.mjs</td><td>float32</td>');
    expect(html).not.toContain('<mine>');
    expect(html).toMatch(/<td class="n">88\.7<\/td><td class="n">88\.7<\/td>/);
    expect(html).toContain('accurate float16 scale: float16 &amp; more');
    expect(html).not.toContain('Interrupted');
  });

  it('should say when the study was interrupted (CLI-8)', async () => {
    expect(await renderStabilityHtml({ ...report, interrupted: true }, 'x')).toContain('<b>Interrupted</b> (CLI-8)');
  });
});
