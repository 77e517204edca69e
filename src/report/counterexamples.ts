/**
 * Counterexample files beside the reports (spec/formats.md#REP-8): each failure's counterexample
 * saved as a corpus entry (CHK-3) in `counterexamples/` next to the first report written, and the
 * one command that reproduces the failure when pasted — `npx losscheck replay FILE --impl IMPL` —
 * held in the result's `reproduce` field.
 */
import { dirname, join } from 'node:path';
import { corpusEntryText } from '../check/corpus.js';
import type { CheckReport, CheckResult, WorstCounterexample } from './types.js';
import type { ReportTargets } from './write.js';
import { writeWhole } from './write.js';
import { shellLine } from './shellLine.js';

/**
 * REP-8: `counterexamples/` in the HTML report's directory (one per implementation under
 * `matrix`), else beside the JSON, Markdown or JUnit report; none without a report.
 */
export function counterexampleDir(targets: ReportTargets): string | undefined {
  const beside = targets.json ?? targets.markdown ?? targets.junit;
  if (targets.html !== undefined) return join(targets.html, 'counterexamples');
  return beside === undefined ? undefined : join(dirname(beside), 'counterexamples');
}

/** A check's file name: its id with every run of other characters than [A-Za-z0-9_.-] as one `_`. */
export const counterexampleName = (check: string): string => `${check.replace(/[^A-Za-z0-9_.-]+/g, '_')}.json`;

/**
 * The command that replays a saved counterexample through the same implementation and level,
 * through npx: `losscheck` is on no PATH in a clone or a project that depends on it.
 */
export function replayCommand(file: string, report: Pick<CheckReport, 'implementation' | 'impl' | 'level'>): string {
  const impl = report.impl ?? report.implementation;
  return shellLine(['npx', 'losscheck', 'replay', file, '--impl', impl, '--level', report.level]);
}

const hasCounterexample = (r: CheckResult): boolean =>
  (r.status === 'fail' || r.status === 'xfail') && r.counterexample !== undefined;

/** REP-10: the worst counterexample saved as `CHECK-worst.json`, its own `reproduce` beside it. */
function withWorstFile(
  r: CheckResult,
  worst: WorstCounterexample,
  dir: string,
  report: CheckReport,
  files: [string, string][],
): WorstCounterexample {
  const file = join(dir, counterexampleName(`${r.check}-worst`));
  files.push([file, corpusEntryText({ check: r.check, ...worst })]);
  return { ...worst, reproduce: replayCommand(file, report) };
}

/**
 * The report with `reproduce` on every failure (and expected failure) that has a counterexample,
 * and the files those commands replay, to be written before the reports that name them.
 */
export function withCounterexamples(
  report: CheckReport,
  dir: string,
): { report: CheckReport; files: [string, string][] } {
  const files: [string, string][] = [];
  const results = report.results.map((r) => {
    if (!hasCounterexample(r)) return r;
    const file = join(dir, counterexampleName(r.check));
    files.push([file, corpusEntryText(r)]);
    const worst = r.worst && withWorstFile(r, r.worst, dir, report, files);
    return { ...r, reproduce: replayCommand(file, report), ...(worst && { worst }) };
  });
  return { report: { ...report, results }, files };
}

/** Save the counterexamples of a report whose targets are given, and return the report naming them. */
export function saveCounterexamples(report: CheckReport, targets: ReportTargets): CheckReport {
  const dir = counterexampleDir(targets);
  if (dir === undefined) return report;
  const saved = withCounterexamples(report, dir);
  for (const [file, text] of saved.files) writeWhole(file, text);
  return saved.report;
}
