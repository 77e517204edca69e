/**
 * The Markdown report within GitHub's step summary (spec/formats.md#CI-4): whole when it fits,
 * else cut under the budget at a line outside every fence and collapsed section, saying so.
 */
import { describe, expect, it } from 'vitest';
import { MARKDOWN_BUDGET, STEP_SUMMARY_LIMIT, fitMarkdown } from '../../src/report/stepSummary.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { CheckReport } from '../../src/report/types.js';
import { FAILURE, SAMPLE_REPORT } from './sampleReport.js';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** Whether every fence and `<details>` opened in `text` is closed. */
function balanced(text: string): boolean {
  const fences = text.split('\n').filter((l) => /^```/.test(l)).length;
  const details = (text.match(/<details>/g) ?? []).length - (text.match(/<\/details>/g) ?? []).length;
  return fences % 2 === 0 && details === 0;
}

describe('fitMarkdown (CI-4)', () => {
  it('should leave a report that fits as it is', () => {
    const md = renderMarkdown(SAMPLE_REPORT);
    expect(fitMarkdown(md)).toBe(md);
  });

  it('should keep its budget under the step summary limit', () => {
    expect(MARKDOWN_BUDGET).toBeLessThan(STEP_SUMMARY_LIMIT);
  });

  it('should cut a report of thousands of failures under the budget, saying so', () => {
    const results = Array.from({ length: 4000 }, (_, i) => ({ ...FAILURE, check: `agreement/f${i}` }));
    const md = renderMarkdown({ ...SAMPLE_REPORT, results } as CheckReport);
    expect(bytes(md)).toBeGreaterThan(MARKDOWN_BUDGET);
    const fitted = fitMarkdown(md);
    expect(bytes(fitted)).toBeLessThanOrEqual(MARKDOWN_BUDGET);
    expect(fitted).toMatch(/Cut to fit GitHub's step summary \(1 MiB\): \d+ of \d+ bytes shown/);
    expect(md.startsWith(fitted.slice(0, fitted.indexOf('\n> **Cut')))).toBe(true);
  });

  it('should cut only outside fenced blocks and collapsed sections', () => {
    const block = [
      '<details>',
      '',
      '```json',
      ...Array.from({ length: 20 }, (_, i) => `"line ${i}"`),
      '```',
      '',
      '</details>',
    ];
    const md = Array.from({ length: 50 }, () => block.join('\n')).join('\n');
    for (const budget of [700, 1500, 4000]) {
      const fitted = fitMarkdown(md, budget);
      expect(bytes(fitted)).toBeLessThanOrEqual(budget);
      expect(balanced(fitted.slice(0, fitted.indexOf('\n> **Cut')))).toBe(true);
    }
  });

  it('should count bytes, not characters', () => {
    const md = `${'é'.repeat(600)}\n`.repeat(3);
    const fitted = fitMarkdown(md, 2000);
    expect(bytes(fitted)).toBeLessThanOrEqual(2000);
    expect(fitted.startsWith('é'.repeat(600))).toBe(true);
  });
});
