/**
 * The index of a matrix run (spec/formats.md#REP-9, `npm start`): the implementation × loss ×
 * dtype matrix, each implementation linking to its report, and per implementation a histogram of
 * the bits of error of every value it returned — one page that says where each one breaks.
 */
import { DTYPES, LOSSES } from '../case/types.js';
import { CELL_LEGEND, cell } from '../matrix/table.js';
import { histogram } from '../plot/histogram.js';
import { renderSvg } from '../plot/render.js';
import { colorsFor } from '../plot/style.js';
import { escapeHtml } from './escape.js';
import { page } from './page.js';
import { verdictLine } from './summary.js';
import type { CheckReport } from './types.js';

export interface IndexEntry {
  readonly report: CheckReport;
  /** The implementation's HTML report, relative to the index. */
  readonly href: string;
}

const CELL_CLASS: Readonly<Record<string, string>> = {
  '✗': 'fail',
  x: 'xfail',
  '?': 'notrun',
  '✓': 'pass',
  '○': 'skip',
  '-': 'none',
};

function matrixTable(entries: readonly IndexEntry[]): string {
  const head1 = `<tr><th rowspan="2">implementation</th>${LOSSES.map((l) => `<th colspan="${DTYPES.length}">${l}</th>`).join('')}<th rowspan="2">verdict</th></tr>`;
  const head2 = `<tr>${LOSSES.flatMap(() => DTYPES.map((d) => `<th>${d.replace('float', 'f')}</th>`)).join('')}</tr>`;
  const rows = entries.map(({ report, href }) => {
    const cells = LOSSES.flatMap((l) =>
      DTYPES.map((d) => {
        const c = cell(report, l, d);
        return `<td class="cell ${CELL_CLASS[c]}">${c}</td>`;
      }),
    );
    const name = `<a href="${escapeHtml(href)}">${escapeHtml(report.implementation)}</a>`;
    return `<tr><th class="impl">${name}</th>${cells.join('')}<td class="${report.verdict}">${escapeHtml(verdictLine(report))}</td></tr>`;
  });
  // Scrolls on a narrow window rather than running off the page; a long `cmd:` name wraps.
  return `<div class="scroll"><table class="matrix wide">${head1}${head2}${rows.join('')}</table></div><p class="legend">${escapeHtml(CELL_LEGEND)}</p>`;
}

const DTYPE_COLORS = colorsFor(DTYPES);

/** Every value an implementation returned, by bits of error, one colour per dtype. */
async function implementationChart({ report, href }: IndexEntry): Promise<string> {
  const bars = report.errors.flatMap((e) => e.counts.map((count, bin) => ({ bin, count, group: e.dtype })));
  const total = bars.reduce((n, b) => n + b.count, 0);
  const spec = histogram({
    title: report.implementation,
    subtitle: `${total} values judged, every loss and output`,
    bins: 65,
    xTitle: 'bits of error (0: correctly rounded; the dtype width: every bit wrong)',
    yTitle: 'values',
    bars,
    colors: DTYPE_COLORS.filter(([d]) => report.errors.some((e) => e.dtype === d)),
    width: 420,
  });
  return `<figure><a href="${escapeHtml(href)}">${await renderSvg(spec)}</a></figure>`;
}

export async function renderIndex(entries: readonly IndexEntry[], intro: string): Promise<string> {
  const charts = await Promise.all(entries.map(implementationChart));
  const body = [
    '<h1>losscheck: where each implementation breaks</h1>',
    `<p>${escapeHtml(intro)}</p>`,
    '<h2>Matrix</h2>',
    matrixTable(entries),
    '<h2>Bits of error</h2>',
    '<p>Every value each implementation returned for the generated cases, judged against the certified reference: bin k holds values 2<sup>k−1</sup> to 2<sup>k</sup> − 1 ULPs from the correctly rounded result (TOL-1, TOL-2). A conformant implementation may have values far to the right: where an exact value is tiny beside the scale of its case (a loss of 4e-18 returned as 0, a gradient component next to 0), the stable level allows an absolute error of a few unit roundoffs of that scale (TOL-LEVEL.5), which can be every bit of that value. Open an implementation for its failures, by kind, each with its counterexample and the command that reproduces it.</p>',
    `<div class="charts">${charts.join('\n')}</div>`,
  ];
  return page('losscheck matrix', body.join('\n'));
}
