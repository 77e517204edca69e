/**
 * The Markdown report (spec/formats.md#REP-3): a summary for a pull request or a CI job page.
 */
import { factsLine, worstLines } from './facts.js';
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
  manifestAudit,
} from './summary.js';
import type { CheckReport, CheckResult } from './types.js';

/** Text inside a paragraph or a table cell: Markdown's punctuation escaped, one line. */
export function inline(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\`*_[\]<>|#&]/g, (c) => `\\${c}`);
}

/** A fenced block that no backtick run inside it can close. */
export function fenced(text: string, info = ''): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text}\n${fence}`;
}

function familyTable(report: CheckReport): string[] {
  const rows = familyCounts(report).map(
    (f) => `| ${inline(f.family)} | ${STATUS_ORDER.map((s) => f.counts[s]).join(' | ')} |`,
  );
  return [`| family | ${STATUS_ORDER.join(' | ')} |`, `|---|${STATUS_ORDER.map(() => '---:').join('|')}|`, ...rows];
}

function failureTable(failed: readonly CheckResult[]): string[] {
  const rows = failed.map((r) => {
    const cells = [
      inline(r.check),
      inline(r.message ?? ''),
      r.ulps ?? '',
      r.bits?.toFixed(1) ?? '',
      inline(r.clauses.join(', ')),
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return ['| check | message | ULPs | bits | clauses |', '|---|---|---:|---:|---|', ...rows];
}

function failureDetail(r: CheckResult, report: CheckReport): string[] {
  const lines = [`### ${inline(r.check)}`, '', inline(r.message ?? '')];
  const size = errorSize(r);
  if (size) lines.push('', inline(size));
  const facts = factsLine(r);
  if (facts) lines.push('', inline(facts));
  const json = caseLine(r);
  if (json) lines.push('', fenced(json, 'json'));
  const replay = replayLine(r, report);
  // A command fenced, so that it pastes as it is from the page or the file (REP-8).
  if (r.reproduce) lines.push('', 'Replay:', '', fenced(r.reproduce, 'sh'));
  else if (replay) lines.push('', `Replay: ${inline(replay)}`);
  return [...lines, ...worstDetail(r), ''];
}

/** REP-10: the worst counterexample beside the minimal, its case and replay line fenced, the rest inline. */
function worstDetail(r: CheckResult): string[] {
  return worstLines(r).flatMap(({ label, text }) => {
    if (label === 'worst counterexample') return ['', fenced(text, 'json')];
    if (label === 'replay worst') return ['', `${label}:`, '', fenced(text, 'sh')];
    return ['', `${label}: ${inline(text)}`];
  });
}

/** A bulleted list of results with their reasons, under a heading, when there are any. */
function reasons(title: string, results: readonly CheckResult[]): string[] {
  if (results.length === 0) return [];
  return [`## ${title}`, '', ...results.map((r) => `- ${inline(r.check)}: ${inline(r.reason ?? '')}`), ''];
}

/** Outputs not offered (CHK-9): coverage, after the failures. */
function notOfferedSection(report: CheckReport): string[] {
  const groups = notOfferedGroups(report.notOffered);
  if (groups.length === 0) return [];
  const rows = groups.map((g) => `| ${inline(g.output)} | ${inline(g.where)} | ${inline(g.reasons)} |`);
  return [
    '## Not offered (coverage, not failures)',
    '',
    '| output | losses (dtypes) | reason |',
    '|---|---|---|',
    ...rows,
    '',
  ];
}

/** The report as Markdown. */
export function renderMarkdown(report: CheckReport): string {
  const failed = failures(report);
  const lines = [
    `# losscheck: ${inline(report.implementation)} is ${inline(verdictLine(report))}`,
    '',
    `Level ${inline(report.level)}, seed ${report.seed}, ${report.runs} runs per property, ${report.seconds.toFixed(1)} s (losscheck ${inline(report.version)}).`,
    '',
    ...familyTable(report),
    '',
  ];
  const stopped = stoppedLine(report);
  if (stopped) lines.push(`**${inline(stopped)}**`, '');
  if (failed.length > 0)
    lines.push('## Failures', '', ...failureTable(failed), '', ...failed.flatMap((r) => failureDetail(r, report)));
  lines.push(...notOfferedSection(report));
  lines.push(
    ...reasons(
      'Expected failures (manifest)',
      report.results.filter((r) => r.status === 'xfail'),
    ),
  );
  lines.push(
    ...reasons(
      'Skipped',
      report.results.filter((r) => r.status === 'skip'),
    ),
  );
  for (const list of manifestAudit(report))
    lines.push(`## ${list.title}`, '', ...list.entries.map((e) => `- ${inline(e)}`), '');
  return `${lines.join('\n')}\n`;
}
