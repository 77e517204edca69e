/**
 * The HTML report (spec/formats.md#REP-4): one self-contained page — no script, no external
 * resource — so that it can be archived as a CI artifact and opened anywhere.
 */
import {
  caseLine,
  errorSize,
  failures,
  familyCounts,
  notOfferedGroups,
  replayLine,
  STATUS_ORDER,
  stoppedLine,
  verdictLine,
} from './summary.js';
import type { CheckReport, CheckResult } from './types.js';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text (or an attribute value) for HTML: every markup character escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
td.n{text-align:right}pre{background:#f6f6f6;padding:.6em;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
.conformant{color:#176f2c}.nonconformant{color:#b00020}.fail,.error{background:#fde7e9}.xfail,.skip,.notrun{background:#fff6d6}`;

function matrix(report: CheckReport): string {
  const head = `<tr><th>family</th>${STATUS_ORDER.map((s) => `<th>${s}</th>`).join('')}</tr>`;
  const rows = familyCounts(report).map((f) => {
    const cells = STATUS_ORDER.map(
      (s) => `<td class="n${f.counts[s] > 0 && s !== 'pass' ? ` ${s}` : ''}">${f.counts[s]}</td>`,
    ).join('');
    return `<tr><th>${escapeHtml(f.family)}</th>${cells}</tr>`;
  });
  return `<table>${head}${rows.join('')}</table>`;
}

function failureSection(r: CheckResult, report: CheckReport): string {
  const parts = [`<h3 class="${r.status}">${escapeHtml(r.check)}</h3>`, `<p>${escapeHtml(r.message ?? '')}</p>`];
  const size = errorSize(r);
  if (size) parts.push(`<p>${escapeHtml(size)}; clauses ${escapeHtml(r.clauses.join(', '))}</p>`);
  const json = caseLine(r);
  if (json) parts.push(`<pre>${escapeHtml(json)}</pre>`);
  const replay = replayLine(r, report);
  if (replay) parts.push(`<p>Replay: <code>${escapeHtml(replay)}</code></p>`);
  return parts.join('\n');
}

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
  if (report.staleManifestEntries.length === 0) return '';
  return `<h2>Stale manifest entries (no longer fail)</h2><ul>${report.staleManifestEntries.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul>`;
}

/** The report as one HTML page. */
export function renderHtml(report: CheckReport): string {
  const title = `losscheck: ${report.implementation} (${report.level})`;
  const failed = failures(report);
  const stopped = stoppedLine(report);
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="${report.verdict}"><strong>${escapeHtml(verdictLine(report))}</strong></p>`,
    `<p>Seed ${report.seed}, ${report.runs} runs per property, ${report.seconds.toFixed(1)} s, losscheck ${escapeHtml(report.version)}.</p>`,
    stopped ? `<p class="notrun"><strong>${escapeHtml(stopped)}</strong></p>` : '',
    matrix(report),
    failed.length > 0 ? `<h2>Failures</h2>\n${failed.map((r) => failureSection(r, report)).join('\n')}` : '',
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
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
${body.filter(Boolean).join('\n')}
</body></html>
`;
}
