/**
 * The stability report in a real browser (issue 9 item 3, spec/formats.md#REP-6): its charts are
 * drawn, it logs no error, it fetches nothing; a screenshot is kept in the test's temp dir.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, skipWithoutChromium, type OpenPage } from '../__helpers__/browser.js';
import { losscheck } from '../__helpers__/cli.js';

interface Drawn {
  readonly width: number;
  readonly height: number;
  readonly lines: number;
  readonly drawnLines: number;
}

describe.skipIf(skipWithoutChromium())('the stability report in headless Chromium (REP-6)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'losscheck-stability-browser-'));
  let opened: OpenPage;
  beforeAll(async () => {
    const run = losscheck([
      'stability',
      '--impl',
      'naive,fused,accurate',
      '--loss',
      'softmax_cross_entropy,binary_cross_entropy_with_logits',
      '--sweep',
      'scale,gap,x',
      '--dtype',
      'float32,float16',
      '--points',
      '0.5',
      '--out',
      dir,
    ]);
    expect(run.status, run.stderr).toBe(0);
    opened = await openPage(join(dir, 'report.html'));
  }, 180_000);
  afterAll(async () => opened?.close());

  it('should draw every chart: SVGs of non-empty size whose line paths have length', async () => {
    const charts: Drawn[] = await opened.page.$$eval('svg.marks', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        // SVG path geometry, typed here: the project compiles without the DOM library.
        type Path = { getTotalLength(): number; getBBox(): { width: number } };
        const lines = [...svg.querySelectorAll('g.mark-line path')] as unknown as Path[];
        return {
          width: box.width,
          height: box.height,
          lines: lines.length,
          drawnLines: lines.filter((p) => p.getTotalLength() > 0 && p.getBBox().width > 0).length,
        };
      }),
    );
    expect(charts).toHaveLength(3 * 2);
    for (const chart of charts) {
      expect(chart.width).toBeGreaterThan(300);
      expect(chart.height).toBeGreaterThan(200);
      // naive, fused and accurate, each as its worst and its mean value.
      expect(chart.lines).toBe(6);
      expect(chart.drawnLines).toBe(6);
    }
  });

  it('should log no error and request nothing beyond the page', () => {
    expect(opened.errors).toEqual([]);
    expect(opened.requests).toEqual([]);
  });

  it('should show the thresholds and save a screenshot', async () => {
    const table = await opened.page.$eval('table', (t) => t.textContent ?? '');
    expect(table).toContain('non-finite from');
    const file = join(dir, 'stability.png');
    await opened.page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(10_000);
  });
});
