/**
 * REP-10 in every report: a failure's condition number and attribution, and its worst
 * counterexample beside the minimal, with its error in ULPs and bits and its own replay line.
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/escape.js';
import { worstHeading } from '../../src/report/facts.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { formatSummary } from '../../src/report/terminal.js';
import type { CheckReport, CheckResult } from '../../src/report/types.js';
import { HOSTILE, SAMPLE_REPORT } from './sampleReport.js';

const ATTRIBUTION = {
  cause: 'implementation' as const,
  errorBits: 3.8,
  levelBits: 3.7,
  conditioningBits: 3.7,
  text: 'implementation: 3.8 bits lost where the stable level allows 3.7 for κ = 0.5',
};

const BEYOND: CheckResult = {
  check: 'agreement/binary_cross_entropy/float64/torch',
  family: 'agreement',
  clauses: ['TOL-LEVEL'],
  status: 'fail',
  runs: 20,
  skipped: 0,
  seconds: 1,
  counterexample: { loss: 'binary_cross_entropy', shape: [1], input: [6.4e-323], target: [0] },
  message: 'loss[0] = 0, expected 6.4e-323: 13 ULPs (3.8 bits) from the exact value, beyond the stable level',
  kind: 'beyond-level',
  ulps: 13,
  bits: 3.8,
  condition: 0.5,
  attribution: ATTRIBUTION,
  reproduce: 'losscheck replay out/counterexamples/minimal.json --impl naive --level stable',
  worst: {
    counterexample: { loss: 'binary_cross_entropy', shape: [1], input: [1.8e-19], target: [0] },
    message: `loss[0] = 0, expected 1.8e-19: ${HOSTILE}`,
    kind: 'beyond-level',
    ulps: 4332730128961620000,
    bits: 61.9,
    condition: 1.86e-7,
    attribution: {
      ...ATTRIBUTION,
      errorBits: 61.9,
      text: 'implementation: 61.9 bits lost where the stable level allows 3.8 for κ = 1.86e-7',
    },
    evaluations: 100,
    reproduce: 'losscheck replay out/counterexamples/minimal-worst.json --impl naive --level stable',
  },
};

const report: CheckReport = { ...SAMPLE_REPORT, results: [BEYOND], summary: { ...SAMPLE_REPORT.summary, fail: 1 } };

/** What each report must show of the failure, as its text (HTML-escaped for the page). */
const shown = [
  'κ = 0.5 (TOL-4); implementation: 3.8 bits lost where the stable level allows 3.7 for κ = 0.5',
  worstHeading(BEYOND, BEYOND.worst!),
  '4332730128961620000 ULPs, 61.9 bits',
  'κ = 1.86e-7 (TOL-4); implementation: 61.9 bits lost where the stable level allows 3.8 for κ = 1.86e-7',
  BEYOND.worst!.reproduce!,
  BEYOND.reproduce!,
];

describe('REP-10 in every report', () => {
  it('should head the worst as searched from the minimal, saying when none errs more', () => {
    expect(worstHeading(BEYOND, BEYOND.worst!)).toBe('worst of 100 inputs searched from the minimal (REP-10)');
    const same = { ...BEYOND, worst: { ...BEYOND.worst!, bits: 3.8 } };
    expect(worstHeading(same, same.worst)).toMatch(/: none errs more than the minimal$/);
  });

  it('should show the conditioning, the worst counterexample, its error and its replay line in the terminal, Markdown and JUnit', () => {
    for (const text of [formatSummary(report), renderMarkdown(report), renderJunit(report)])
      for (const line of shown) expect(text).toContain(line);
  });

  it('should show them in the HTML page, escaped, the worst in its own block', async () => {
    const html = await renderHtml(report);
    for (const line of shown) expect(html).toContain(escapeHtml(line));
    expect(html).toContain(escapeHtml(BEYOND.worst!.message));
    expect(html).toMatch(/<div class="worst">[\s\S]*minimal-worst\.json[\s\S]*<\/div>/);
  });
});
