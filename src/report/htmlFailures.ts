/**
 * The failures of the HTML report (spec/formats.md#REP-4), grouped by kind (REP-7): for each, what
 * was wrong, its error, the value, the dtype of every input, the clauses, the counterexample and
 * the command that reproduces it (REP-8).
 */
import { hasClassAxis, type LossName } from '../case/types.js';
import { escapeHtml } from './escape.js';
import { factsLine, worstHeading } from './facts.js';
import { kindGroups, type KindGroup } from './groups.js';
import { caseLine, errorSize, replayLine, shortJson } from './summary.js';
import type { CheckReport, CheckResult, WorstCounterexample } from './types.js';

const anchor = (kind: string) => `kind-${kind}`;

/** `input float32 [2, 3]; target class indices [2]; weight float32 [3]`: every input's dtype and shape. */
export function inputsLine(json: Record<string, unknown>): string {
  const dtype = typeof json.dtype === 'string' ? json.dtype : 'float64';
  const length = (v: unknown) => (Array.isArray(v) ? `[${v.length}]` : '');
  const shape = Array.isArray(json.shape) ? `[${json.shape.join(', ')}]` : '';
  const parts = [`input ${dtype} ${shape}`];
  if (json.target !== undefined) {
    const kind = json.targetKind ?? (hasClassAxis(json.loss as LossName) ? 'index' : 'probability');
    parts.push(
      kind === 'index' ? `target class indices ${length(json.target)}` : `target ${dtype} ${length(json.target)}`,
    );
  }
  for (const field of ['weight', 'posWeight'] as const)
    if (json[field] !== undefined) parts.push(`${field} ${dtype} ${length(json[field])}`);
  return parts.join('; ');
}

function details(r: CheckResult): string {
  const rows: [string, string][] = [];
  const size = errorSize(r);
  if (size) rows.push(['error', `${size} (TOL-1, TOL-2)`]);
  if (r.value)
    rows.push(['value', `${r.value.output}[${r.value.index}] = ${r.value.actual}, expected ${r.value.expected}`]);
  if (r.counterexample) rows.push(['inputs', inputsLine(r.counterexample)]);
  rows.push(['clauses', r.clauses.join(', ') || '—']);
  if (r.fault) rows.push(['fault', r.fault]);
  const facts = factsLine(r);
  if (facts) rows.push(['conditioning', facts]);
  return `<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

/** REP-10: the worst counterexample, as the minimal is shown: message, error, conditioning, case, replay line. */
function worstBlock(r: CheckResult, w: WorstCounterexample): string {
  const rows: [string, string][] = [];
  const size = errorSize(w);
  if (size) rows.push(['error', `${size} (TOL-1, TOL-2)`]);
  if (w.value)
    rows.push(['value', `${w.value.output}[${w.value.index}] = ${w.value.actual}, expected ${w.value.expected}`]);
  const facts = factsLine(w);
  if (facts) rows.push(['conditioning', facts]);
  const parts = [
    `<p class="label">Worst counterexample: ${escapeHtml(worstHeading(r, w))}</p>`,
    `<p class="message">${escapeHtml(w.message)}</p>`,
    `<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`,
    `<pre>${escapeHtml(shortJson(w.counterexample))}</pre>`,
  ];
  if (w.reproduce)
    parts.push(`<p class="label">Reproduce the worst</p><pre class="cmd">${escapeHtml(w.reproduce)}</pre>`);
  return `<div class="worst">${parts.join('\n')}</div>`;
}

function failureCard(r: CheckResult, report: CheckReport): string {
  const parts = [
    `<h4>${escapeHtml(r.check)}</h4>`,
    `<p class="message">${escapeHtml(r.message ?? '')}</p>`,
    details(r),
  ];
  const json = caseLine(r);
  if (json) parts.push(`<p class="label">Minimal counterexample (shrunk)</p><pre>${escapeHtml(json)}</pre>`);
  const replay = replayLine(r, report);
  if (replay) parts.push(`<p class="label">Reproduce</p><pre class="cmd">${escapeHtml(replay)}</pre>`);
  if (r.worst) parts.push(worstBlock(r, r.worst));
  else if (r.noWorst !== undefined)
    parts.push(`<div class="worst none"><p class="label">Worst counterexample: ${escapeHtml(r.noWorst)}</p></div>`);
  return `<article class="failure ${r.status}">${parts.join('\n')}</article>`;
}

function kindSection(g: KindGroup, report: CheckReport): string {
  const cards = g.results.map((r) => failureCard(r, report)).join('\n');
  return `<section id="${anchor(g.kind)}"><h3>${escapeHtml(g.title)} <span class="count">${g.results.length}</span></h3>\n${cards}</section>`;
}

export function failuresByKind(report: CheckReport): string {
  const groups = kindGroups(report);
  if (groups.length === 0) return '';
  const index = groups
    .map(
      (g) =>
        `<tr><td><a href="#${anchor(g.kind)}">${escapeHtml(g.title)}</a></td><td class="n">${g.results.length}</td></tr>`,
    )
    .join('');
  return `<h2 id="failures">Failures by kind</h2><table class="kinds"><tr><th>kind</th><th>checks</th></tr>${index}</table>\n${groups.map((g) => kindSection(g, report)).join('\n')}`;
}
