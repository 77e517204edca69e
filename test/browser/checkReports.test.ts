/**
 * The matrix's index and a check report in a real browser (issue 9 item 3, spec/formats.md#REP-4,
 * REP-9): the histograms are drawn, the pages log no error and fetch nothing, the index links each
 * implementation's page; screenshots are kept in the test's temp dir. The pages are those of the
 * matrix run commands/matrix.test.ts checks (__helpers__/sharedMatrix.ts).
 */
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, skipWithoutChromium, type OpenPage } from '../__helpers__/browser.js';
import type { CliRun } from '../__helpers__/cli.js';
import { sharedMatrix } from '../__helpers__/sharedMatrix.js';
import { DTYPES, LOSSES } from '../../src/case/types.js';

/** Pixels of a page's screenshot, from its top: its summary, charts and first failures. */
const SCREENSHOT_HEIGHT = 4000;

interface Drawn {
  readonly width: number;
  readonly height: number;
  readonly bars: number;
}

/** Every chart of the page: its size, and its bars of non-empty size. */
const charts = (opened: OpenPage): Promise<Drawn[]> =>
  opened.page.$$eval('svg.marks', (svgs) =>
    svgs.map((svg) => {
      const box = svg.getBoundingClientRect();
      // SVG geometry, typed here: the project compiles without the DOM library.
      type Path = { getBBox(): { width: number; height: number } };
      const bars = [...svg.querySelectorAll('g.mark-rect path')] as unknown as Path[];
      return {
        width: box.width,
        height: box.height,
        bars: bars.filter((p) => p.getBBox().width > 0 && p.getBBox().height > 0).length,
      };
    }),
  );

describe.skipIf(skipWithoutChromium())(
  'the matrix index and a check report in headless Chromium (REP-4, REP-9)',
  () => {
    const screenshots = mkdtempSync(join(tmpdir(), 'losscheck-reports-browser-'));
    let dir: string;
    let index: OpenPage;
    let report: OpenPage;
    beforeAll(async () => {
      let run: CliRun;
      ({ dir, run } = await sharedMatrix()); // the run commands/matrix.test.ts checks
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(`open ${join(dir, 'index.html')}`);
      index = await openPage(join(dir, 'index.html'));
      report = await openPage(join(dir, 'naive', 'report.html'));
    }, 300_000);
    afterAll(async () => {
      await index?.close();
      await report?.close();
    });

    it("should draw the index's histograms and link every implementation's report", async () => {
      const drawn = await charts(index);
      expect(drawn).toHaveLength(2);
      for (const chart of drawn) {
        expect(chart.width).toBeGreaterThan(200);
        expect(chart.height).toBeGreaterThan(100);
        expect(chart.bars).toBeGreaterThan(0);
      }
      const links = await index.page.$$eval('table.matrix a', (as) => as.map((a) => a.getAttribute('href')));
      expect(links).toEqual(['naive/report.html', 'accurate/report.html']);
      for (const link of links) expect(existsSync(join(dir, link!))).toBe(true);
    });

    it("should draw the check report's histogram of every loss × dtype, and group its failures by kind", async () => {
      const drawn = await charts(report);
      expect(drawn).toHaveLength(LOSSES.length * DTYPES.length);
      for (const chart of drawn) expect(chart.bars).toBeGreaterThan(0);
      const kinds = await report.page.$$eval('table.kinds td a', (as) => as.map((a) => a.textContent));
      expect(kinds).toContain('non-finite where the exact value is finite');
      const reproduce = await report.page.$$eval('article.failure > pre.cmd', (pres) => pres.length);
      expect(reproduce).toBe(await report.page.$$eval('article.failure', (cards) => cards.length));
    });

    it("should show a failure's worst counterexample beside its minimal, with its error and replay line (REP-10)", async () => {
      const blocks = await report.page.$$eval('article.failure div.worst:not(.none)', (divs) =>
        divs.map((d) => ({ text: d.textContent ?? '', height: d.getBoundingClientRect().height })),
      );
      expect(blocks.length).toBeGreaterThan(0);
      // Every other failure says why it has no worst (REP-10.4).
      const notes = await report.page.$$eval('article.failure div.worst.none', (divs) =>
        divs.map((d) => d.textContent),
      );
      const cards = await report.page.$$eval('article.failure', (articles) => articles.length);
      expect(blocks.length + notes.length).toBe(cards);
      for (const note of notes) expect(note).toMatch(/^Worst counterexample: (none worse|not searched|not found): /);
      for (const block of blocks) {
        expect(block.height).toBeGreaterThan(0);
        expect(block.text).toMatch(/worst of \d+ inputs searched from the minimal/);
        expect(block.text).toMatch(/losscheck replay \S+-worst\.json --impl naive/);
      }
      const file = /replay (\S+-worst\.json)/.exec(blocks[0]!.text)![1]!;
      expect(existsSync(file)).toBe(true);
    });

    it('should log no error, request nothing beyond the pages, and save screenshots', async () => {
      for (const [opened, name] of [
        [index, 'index.png'],
        [report, 'naive.png'],
      ] as const) {
        expect(opened.errors).toEqual([]);
        expect(opened.requests).toEqual([]);
        const file = join(screenshots, name);
        // The top of the page: the report of a nonconformant naive is some 60000 px tall, and
        // a screenshot of all of it took 8–12 s and 10 MB.
        const height = Math.min(
          SCREENSHOT_HEIGHT,
          (await opened.page.evaluate('document.body.scrollHeight')) as number,
        );
        const clip = { x: 0, y: 0, width: opened.page.viewport()!.width, height };
        await opened.page.screenshot({ path: file, clip, captureBeyondViewport: true });
        expect(statSync(file).size).toBeGreaterThan(10_000);
      }
    });
  },
);
