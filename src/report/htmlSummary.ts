/**
 * The summary at the top of the HTML report (spec/formats.md#REP-4): per family, a loss × dtype
 * matrix of result counts, and the coverage by regime (REG-3).
 */
import { DTYPES, LOSSES } from '../case/types.js';
import { REGIMES } from '../verdict/regimes.js';
import { checkScope } from './groups.js';
import { escapeHtml } from './escape.js';
import { familyCounts, type FamilyCounts } from './summary.js';
import type { CheckReport, CheckResult, CheckStatus } from './types.js';

/** The statuses a cell shows, most severe first, each with its mark. */
const MARKS: readonly (readonly [CheckStatus, string])[] = [
  ['fail', '✗'],
  ['error', '!'],
  ['notrun', '?'],
  ['xfail', 'x'],
  ['pass', '✓'],
  ['skip', '○'],
];

const OTHER = '—';

function place(r: CheckResult): [string, string] {
  const { loss, dtype } = checkScope(r.check);
  return [loss ?? OTHER, dtype ?? OTHER];
}

function cell(results: readonly CheckResult[]): string {
  if (results.length === 0) return '<td class="none"></td>';
  const shown = MARKS.map(([s, mark]) => [s, mark, results.filter((r) => r.status === s).length] as const).filter(
    ([, , n]) => n > 0,
  );
  const worst = shown[0]![0];
  const title = shown.map(([s, , n]) => `${n} ${s}`).join(', ');
  const text = shown.map(([, mark, n]) => `<span class="m-${mark === '✓' ? 'pass' : ''}">${mark}${n}</span>`).join(' ');
  return `<td class="cell ${worst}" title="${escapeHtml(title)}">${text}</td>`;
}

function familyMatrix(f: FamilyCounts): string {
  const placed = f.results.map((r) => [place(r), r] as const);
  // A family of unscoped checks (spec cases, corpus replays): one cell.
  if (placed.every(([[l, d]]) => l === OTHER && d === OTHER))
    return `<table class="matrix"><tr><th>${escapeHtml(f.family)}</th></tr><tr>${cell(f.results)}</tr></table>`;
  const order = (list: readonly string[], seen: Set<string>) => [...list, OTHER].filter((x) => seen.has(x));
  const losses = order(LOSSES, new Set(placed.map(([[l]]) => l)));
  const dtypes = order(DTYPES, new Set(placed.map(([[, d]]) => d)));
  const head = `<tr><th>${escapeHtml(f.family)}</th>${dtypes.map((d) => `<th>${d}</th>`).join('')}</tr>`;
  const rows = losses.map((loss) => {
    const cells = dtypes.map((dtype) => cell(placed.filter(([[l, d]]) => l === loss && d === dtype).map(([, r]) => r)));
    return `<tr><th class="loss">${escapeHtml(loss)}</th>${cells.join('')}</tr>`;
  });
  return `<table class="matrix">${head}${rows.join('')}</table>`;
}

export function summaryMatrices(report: CheckReport): string {
  const legend =
    '<p class="legend">Each cell counts the checks of a loss × dtype: ✗ failed, ! the check erred, ? not run, x failed as the manifest expects (xfail), ✓ passed, ○ skipped (not offered, or declined). Hover a cell for the counts in words.</p>';
  return `<h2 id="summary">Summary</h2>${legend}<div class="matrices">${familyCounts(report).map(familyMatrix).join('')}</div>`;
}

/** REG-3: the cases judged per loss × dtype and per regime; a regime with none, or under --min-coverage, marked. */
export function regimeTable(report: CheckReport): string {
  if (report.regimes.length === 0) return '';
  const used = REGIMES.filter((r) => report.regimes.some((c) => c.regimes[r] !== undefined));
  const short = new Set((report.shortfalls ?? []).map((s) => `${s.loss}/${s.dtype}/${s.regime}`));
  const head = `<tr><th>loss</th><th>dtype</th><th>cases</th>${used.map((r) => `<th>${r}</th>`).join('')}</tr>`;
  const rows = report.regimes.map((c) => {
    const cells = used.map((r) => {
      const n = c.regimes[r];
      if (n === undefined) return '<td class="none"></td>';
      const mark = short.has(`${c.loss}/${c.dtype}/${r}`) ? ' fail' : n === 0 ? ' zero' : '';
      return `<td class="n${mark}">${n}</td>`;
    });
    return `<tr><td>${escapeHtml(c.loss)}</td><td>${escapeHtml(c.dtype)}</td><td class="n">${c.cases}</td>${cells.join('')}</tr>`;
  });
  const min =
    report.minCoverage === undefined ? '' : ` Cells in red got fewer than --min-coverage ${report.minCoverage}.`;
  const intro = `<p>The generated cases judged, per loss × dtype, and how many fell in each regime (spec/formats.md REG-2): what this run exercised. Empty: not a regime of that loss.${min}</p>`;
  return `<h2 id="coverage">Coverage by regime</h2>${intro}<table class="regimes">${head}${rows.join('')}</table>`;
}
