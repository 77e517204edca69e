/**
 * GitHub Actions workflow commands (spec/formats.md#CI-3): one `::error` annotation per failure,
 * at most ten — GitHub keeps ten per step and drops the rest silently — and one `::notice`
 * saying how many more the report holds.
 */
import { failures, replayLine } from './summary.js';
import type { CheckReport } from './types.js';

/** GitHub keeps this many error annotations of a step. */
export const ANNOTATION_LIMIT = 10;

/** Whether the run is a GitHub Actions job (its runner sets GITHUB_ACTIONS=true). */
export const inGithubActions = (env: NodeJS.ProcessEnv = process.env): boolean => env.GITHUB_ACTIONS === 'true';

/** A command's message: `%`, CR and LF escaped, as @actions/core escapes them. */
const escapeData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** A property's value: also `:` and `,`. */
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

const command = (name: string, title: string, message: string): string =>
  `::${name} title=${escapeProperty(title)}::${escapeData(message)}`;

/** What fails the run, as (title, message) pairs, failures first. */
function problems(report: CheckReport): [string, string][] {
  const listed: [string, string][] = failures(report).map((r) => {
    const replay = replayLine(r, report);
    return [`losscheck ${r.check}`, [r.message ?? r.status, replay && `replay: ${replay}`].filter(Boolean).join('\n')];
  });
  if (report.interrupted || report.gaveUp)
    listed.push([
      `losscheck ${report.implementation}`,
      report.gaveUp ?? `interrupted: ${report.summary.notrun} checks not run`,
    ]);
  return listed;
}

/** The annotation lines for a report; `where` names the full report for the overflow notice. */
export function annotations(report: CheckReport, where = 'the JSON report'): string[] {
  const listed = problems(report);
  const lines = listed.slice(0, ANNOTATION_LIMIT).map(([title, message]) => command('error', title, message));
  const more = listed.length - ANNOTATION_LIMIT;
  if (more > 0)
    lines.push(
      command(
        'notice',
        'losscheck',
        `${more} more failure${more > 1 ? 's' : ''} not annotated (GitHub keeps ${ANNOTATION_LIMIT}): see ${where}`,
      ),
    );
  return lines;
}
