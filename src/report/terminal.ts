/**
 * The terminal summary of a check: counts per family, then every failure, grouped by kind (REP-7), with its message, its
 * counterexample and how to replay it (spec/formats.md#CHK-2).
 */
import {
  caseLine,
  familyCounts,
  faultGroups,
  notOfferedGroups,
  replayLine,
  shortfallLines,
  STATUS_ORDER,
  stoppedLine,
  verdictLine,
  type FamilyCounts,
  type FaultGroup,
  manifestAudit,
} from './summary.js';
import { factsLine, worstLines } from './facts.js';
import { kindGroups } from './groups.js';
import type { CheckReport, CheckResult } from './types.js';

function counts(f: FamilyCounts): string {
  return STATUS_ORDER.filter((s) => f.counts[s] > 0)
    .map((s) => `${f.counts[s]} ${s}`)
    .join(', ');
}

function failure(r: CheckResult, report: CheckReport, heading = `${r.status.toUpperCase()} ${r.check}`): string[] {
  const lines = [heading, `    ${r.message ?? ''}`];
  const facts = factsLine(r);
  if (facts) lines.push(`    ${facts}`);
  const json = caseLine(r);
  if (json) lines.push(`    counterexample: ${json}`);
  const replay = replayLine(r, report);
  if (replay) lines.push(`    replay: ${replay}`);
  for (const { label, text } of worstLines(r)) lines.push(`    ${label}: ${text}`);
  return lines;
}

/** A fault of the implementation once, however many checks it failed (FMT-5.3). */
function fault(g: FaultGroup, report: CheckReport): string[] {
  const where = g.count === 1 ? g.first.check : `${g.count} checks, first ${g.first.check}`;
  return failure(g.first, report, `FAULT ${g.kind} (${where})`);
}

export function formatSummary(report: CheckReport): string {
  const lines = [
    `losscheck check: ${report.implementation} at level ${report.level}, seed ${report.seed}, ${report.runs} runs per property`,
  ];
  for (const f of familyCounts(report)) lines.push(`  ${f.family.padEnd(12)} ${counts(f)}`);
  const notOffered = notOfferedGroups(report.notOffered);
  if (notOffered.length > 0) lines.push('  not offered (coverage, not failures; --require makes an output one):');
  for (const g of notOffered) lines.push(`    ${g.output}: ${g.where}: ${g.reasons}`);
  // Grouped by kind (REP-7); a fault of the implementation once per fault kind (FMT-5.3).
  for (const g of kindGroups(report)) {
    lines.push(`── ${g.title}: ${g.results.length} ──`);
    if (g.kind === 'fault') for (const f of faultGroups(report)) lines.push(...fault(f, report));
    else for (const r of g.results) lines.push(...failure(r, report));
  }
  for (const line of shortfallLines(report)) lines.push(`SHORT ${line} (REG-3)`);
  const stopped = stoppedLine(report);
  if (stopped) lines.push(stopped);
  for (const list of manifestAudit(report)) lines.push(...list.entries.map((e) => `${list.label}: ${e}`));
  lines.push(`verdict: ${verdictLine(report)} in ${report.seconds.toFixed(1)} s`);
  return `${lines.join('\n')}\n`;
}
