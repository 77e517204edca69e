/**
 * The HTML report (spec/formats.md#REP-4): one self-contained page — no script, no external
 * resource — so that it can be archived as a CI artifact and opened anywhere. A summary first
 * (verdict, the loss × dtype matrix of each family), then the failures grouped by kind, the
 * histograms of bits of error, the coverage by regime, and what was not offered, expected or
 * skipped.
 */
import { escapeHtml } from './escape.js';
import { errorHistograms } from './htmlCharts.js';
import { failuresByKind } from './htmlFailures.js';
import { regimeTable, summaryMatrices } from './htmlSummary.js';
import { page } from './page.js';
import { manifestAudit, notOfferedGroups, shortfallLines, stoppedLine, verdictLine } from './summary.js';
import type { CheckReport, CheckResult } from './types.js';

export { escapeHtml };

/** A table of results and their reasons, under a heading, when there are any. */
function reasonTable(title: string, results: readonly CheckResult[]): string {
  if (results.length === 0) return '';
  const rows = results.map(
    (r) => `<tr class="${r.status}"><td>${escapeHtml(r.check)}</td><td>${escapeHtml(r.reason ?? '')}</td></tr>`,
  );
  return `<h2>${escapeHtml(title)}</h2><table><tr><th>check</th><th>reason</th></tr>${rows.join('')}</table>`;
}

/** Outputs not offered (CHK-9): coverage, not failures. */
function notOfferedTable(report: CheckReport): string {
  const groups = notOfferedGroups(report.notOffered);
  if (groups.length === 0) return '';
  const rows = groups.map(
    (g) => `<tr><td>${escapeHtml(g.output)}</td><td>${escapeHtml(g.where)}</td><td>${escapeHtml(g.reasons)}</td></tr>`,
  );
  return `<h2>Not offered (coverage, not failures)</h2><table><tr><th>output</th><th>losses (dtypes)</th><th>reason</th></tr>${rows.join('')}</table>`;
}

function staleList(report: CheckReport): string {
  return manifestAudit(report)
    .map((l) => `<h2>${escapeHtml(l.title)}</h2><ul>${l.entries.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul>`)
    .join('');
}

function header(report: CheckReport, title: string): string {
  const stopped = stoppedLine(report);
  const short = shortfallLines(report);
  return [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="${report.verdict}"><strong>${escapeHtml(verdictLine(report))}</strong></p>`,
    `<p>Level ${escapeHtml(report.level)}, seed ${report.seed}, ${report.runs} runs per property, ${report.seconds.toFixed(1)} s, losscheck ${escapeHtml(report.version)}.</p>`,
    stopped ? `<p class="notrun"><strong>${escapeHtml(stopped)}</strong></p>` : '',
    short.length ? `<ul class="fail">${short.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : '',
    '<nav><a href="#summary">summary</a><a href="#failures">failures by kind</a><a href="#errors">bits of error</a><a href="#coverage">coverage by regime</a></nav>',
  ].join('\n');
}

/** The report as one HTML page. */
export async function renderHtml(report: CheckReport): Promise<string> {
  const title = `losscheck: ${report.implementation} (${report.level})`;
  const body = [
    header(report, title),
    summaryMatrices(report),
    failuresByKind(report),
    await errorHistograms(report),
    regimeTable(report),
    notOfferedTable(report),
    reasonTable(
      'Expected failures (manifest)',
      report.results.filter((r) => r.status === 'xfail'),
    ),
    reasonTable(
      'Skipped',
      report.results.filter((r) => r.status === 'skip'),
    ),
    staleList(report),
  ];
  return page(title, body.filter(Boolean).join('\n'));
}
