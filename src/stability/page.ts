/**
 * The stability report page (spec/formats.md#REP-6): one self-contained HTML file — inline SVG
 * charts and style, no script, nothing fetched — with how to read it, the threshold table, and
 * per loss and sweep one chart per dtype.
 */
import type { Dtype, LossName } from '../case/types.js';
import { lineChart } from '../plot/lineChart.js';
import { renderSvg } from '../plot/render.js';
import { escapeHtml } from '../report/html.js';
import { sweepChart } from './charts.js';
import { SWEEPS } from './sweeps/index.js';
import { threeDigits } from './text.js';
import type { StabilityReport, StabilitySeries } from './types.js';

const STYLE = `body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:92em;padding:0 1.5em;color:#222}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}h3{margin:1.6em 0 .2em}
.meta{color:#555}.note{max-width:60em}.charts{display:flex;flex-wrap:wrap;gap:1em .5em}.charts figure{margin:0}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.2em .6em;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
td.none{color:#999}code{background:#f3f3f3;padding:0 .25em;border-radius:3px}`;

const cell = (x: number | null): string =>
  x === null ? '<td class="n none">—</td>' : `<td class="n">${escapeHtml(threeDigits(x))}</td>`;

function thresholdTable(report: StabilityReport): string {
  const rows = report.series
    .filter((s) => s.firstNonFinite !== null || s.firstHalfBitsLost !== null)
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.implementation)}</td><td>${s.dtype}</td><td>${s.loss}</td><td>${escapeHtml(s.quantity)}</td>${cell(s.firstNonFinite)}${cell(s.firstHalfBitsLost)}</tr>`,
    );
  if (rows.length === 0) return '<p>No threshold was reached.</p>';
  const head =
    '<tr><th>implementation</th><th>dtype</th><th>loss</th><th>swept</th><th>non-finite from</th><th>more than half the bits lost from</th></tr>';
  return `<table>${head}${rows.join('')}</table>`;
}

const HOW_TO_READ = `<p class="note"><b>How to read the charts.</b> Each point is one fixed case (spec/stability.md): its
loss values are compared with the certified reference's correctly rounded ones. <b>Bits of error</b> are
log₂(1 + ULPs), the ULPs counted between the returned value and the correctly rounded one in the case's dtype
(TOL-2): 0 means correctly rounded, 1 one unit off, and the dtype's width (64, 32 or 16) a NaN where a number was
due. Solid lines are the worst value of the point, dashed lines the mean. A ▼ marks where an implementation first
returns NaN or ±∞ although the exact loss is finite; a ◆ where it first loses more than half its dtype's bits (the
dashed grey rule); both located by bisection to three significant digits.</p>`;

function skippedList(series: readonly StabilitySeries[]): string {
  const skipped = series.filter((s) => s.skipped);
  if (skipped.length === 0) return '';
  const items = skipped.map(
    (s) => `<li>${escapeHtml(`${s.implementation} ${s.dtype} ${s.sweep}: ${s.skipped ?? ''}`)}</li>`,
  );
  return `<p>Not measured:</p><ul>${items.join('')}</ul>`;
}

async function sweepSection(report: StabilityReport, loss: LossName, dtypes: readonly Dtype[], name: string) {
  const sweep = SWEEPS.find((s) => s.name === name)!;
  const charts = await Promise.all(
    dtypes.map(
      async (dtype) => `<figure>${await renderSvg(lineChart(sweepChart(report, loss, sweep.name, dtype)))}</figure>`,
    ),
  );
  const series = report.series.filter((s) => s.loss === loss && s.sweep === sweep.name);
  return `<h3 id="${loss}-${sweep.name}">${escapeHtml(sweep.name)}: ${escapeHtml(sweep.quantity)} (${sweep.clause})</h3>
<p class="note">${escapeHtml(sweep.description)}</p>
<div class="charts">${charts.join('\n')}</div>${skippedList(series)}`;
}

/** Sweeps and dtypes of a loss, in report order. */
function scopeOf(report: StabilityReport, loss: LossName) {
  const series = report.series.filter((s) => s.loss === loss);
  return { sweeps: [...new Set(series.map((s) => s.sweep))], dtypes: [...new Set(series.map((s) => s.dtype))] };
}

/** The page; `command` is the line that reproduces the study. */
export async function renderStabilityHtml(report: StabilityReport, command: string): Promise<string> {
  const losses = [...new Set(report.series.map((s) => s.loss))];
  const sections: string[] = [];
  for (const loss of losses) {
    const { sweeps, dtypes } = scopeOf(report, loss);
    const parts = [];
    for (const sweep of sweeps) parts.push(await sweepSection(report, loss, dtypes, sweep));
    sections.push(`<h2 id="${loss}">${loss}</h2>\n${parts.join('\n')}`);
  }
  const implementations = [...new Set(report.series.map((s) => s.implementation))];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>losscheck stability: ${escapeHtml(implementations.join(', '))}</title><style>${STYLE}</style></head>
<body>
<h1>Where the losses break</h1>
<p class="meta">losscheck ${escapeHtml(report.version)} stability study of ${escapeHtml(implementations.join(', '))},
profile ${report.profile}, seed ${report.seed}, ${report.pointsPerDecade} grid points per decade, ${report.seconds.toFixed(1)} s.
Reproduce: <code>${escapeHtml(command)}</code></p>
${report.interrupted ? '<p class="meta"><b>Interrupted</b> (CLI-8): only the sweeps done before the signal are shown.</p>' : ''}
${HOW_TO_READ}
<h2>Thresholds</h2>
${thresholdTable(report)}
${sections.join('\n')}
</body></html>
`;
}
