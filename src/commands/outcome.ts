/**
 * What `check` and `merge` do with a finished report: write every report asked for (REP-1..4) with
 * the counterexamples they name (REP-8), print the summary, and in a GitHub Actions job its
 * annotations (CI-3).
 */
import { join } from 'node:path';
import { saveCounterexamples } from '../report/counterexamples.js';
import { annotations, inGithubActions } from '../report/github.js';
import { formatSummary } from '../report/terminal.js';
import type { CheckReport } from '../report/types.js';
import { writeReports, type ReportTargets } from '../report/write.js';

/** The report a reader of an annotation should open for the rest. */
function fullReport(targets: ReportTargets): string {
  if (targets.html) return join(targets.html, 'report.html');
  return targets.json ?? targets.markdown ?? targets.junit ?? 'the log of this step';
}

export async function publish(run: CheckReport, targets: ReportTargets): Promise<void> {
  const report = saveCounterexamples(run, targets);
  await writeReports(report, targets);
  process.stdout.write(formatSummary(report));
  if (inGithubActions()) process.stdout.write(`${annotations(report, fullReport(targets)).join('\n')}\n`);
}
