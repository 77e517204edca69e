/**
 * The terminal summary of a check: counts per family, then every failure with its message, its
 * counterexample and how to replay it (spec/formats.md#CHK-2).
 */
import type { CheckReport, CheckResult, CheckStatus } from './types.js';

const ORDER: readonly CheckStatus[] = ['pass', 'fail', 'xfail', 'skip', 'error'];

function counts(results: readonly CheckResult[]): string {
  return ORDER.map((s) => [s, results.filter((r) => r.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}

function failure(r: CheckResult, report: CheckReport): string[] {
  const lines = [`${r.status.toUpperCase()} ${r.check}`, `    ${r.message ?? ''}`];
  if (r.counterexample) lines.push(`    counterexample: ${JSON.stringify(r.counterexample)}`);
  if (r.seed !== undefined) {
    lines.push(`    replay: seed ${r.seed}${r.path ? `, path ${r.path}` : ''} (losscheck check --impl ${report.implementation} --seed ${r.seed} --runs ${report.runs}, or --corpus DIR then losscheck replay FILE)`);
  }
  return lines;
}

export function formatSummary(report: CheckReport): string {
  const families = [...new Set(report.results.map((r) => r.family))];
  const lines = [`losscheck check: ${report.implementation} at level ${report.level}, seed ${report.seed}, ${report.runs} runs per property`];
  for (const family of families) lines.push(`  ${family.padEnd(12)} ${counts(report.results.filter((r) => r.family === family))}`);
  for (const r of report.results.filter((x) => x.status === 'fail' || x.status === 'error')) lines.push(...failure(r, report));
  for (const entry of report.staleManifestEntries) lines.push(`STALE manifest entry (no longer fails): ${entry}`);
  const failures = report.summary.fail + report.summary.error;
  lines.push(`verdict: ${report.verdict}${failures ? ` (${failures} failing)` : ''} in ${report.seconds.toFixed(1)} s`);
  return `${lines.join('\n')}\n`;
}
