/**
 * The JUnit XML report (spec/formats.md#REP-2): one testsuite per family, one testcase per
 * check, so that CI systems show a conformance run like any test run.
 */
import { createRequire } from 'node:module';
import type { Builder, TestCase } from 'junit-report-builder';
import { factsLine, worstLines } from './facts.js';
import { caseLine, errorSize, familyCounts, replayLine, verdictLine } from './summary.js';
import type { CheckReport, CheckResult } from './types.js';

// The package is CommonJS whose `module.exports` is the builder. It is loaded when a JUnit report
// is written, not with the command: it takes a tenth of a second, which every `losscheck`
// process (most write no JUnit) paid at start.
const junitBuilder = (): Builder => createRequire(import.meta.url)('junit-report-builder') as Builder;

/** The failure's text: everything needed to see and replay it. */
function failureText(r: CheckResult, report: CheckReport): string {
  const lines = [r.message ?? '', `counterexample: ${caseLine(r) ?? '(none)'}`];
  const size = errorSize(r);
  if (size) lines.push(`error: ${size}`);
  const facts = factsLine(r);
  if (facts) lines.push(facts);
  const replay = replayLine(r, report);
  if (replay) lines.push(`replay: ${replay}`);
  for (const { label, text } of worstLines(r)) lines.push(`${label}: ${text}`);
  return lines.join('\n');
}

function fillCase(tc: TestCase, r: CheckResult, report: CheckReport): void {
  tc.className(r.family).name(r.check).time(r.seconds);
  if (r.clauses.length > 0) tc.property('clauses', r.clauses.join(' '));
  switch (r.status) {
    case 'fail':
      // JUnit puts the long text of a failure in its body; the builder calls it the stacktrace.
      tc.failure(r.message, 'nonconformant').stacktrace(failureText(r, report));
      break;
    case 'error':
      tc.error(r.message, 'error');
      break;
    case 'xfail':
      // JUnit has no expected failure: skipped, with the manifest's reason (CHK-4).
      tc.skipped()
        .property('xfail', r.reason ?? '')
        .standardOutput(failureText(r, report));
      break;
    case 'skip':
    case 'notrun':
      tc.skipped().property('reason', r.reason ?? '');
      break;
    case 'pass':
      break;
  }
}

/** Outputs not offered (CHK-9): a `coverage` testsuite of skipped testcases, one per loss, dtype and output. */
function coverageSuite(builder: Builder, report: CheckReport): void {
  if (report.notOffered.length === 0) return;
  const suite = builder.testSuite().name('coverage');
  for (const n of report.notOffered) {
    const what = n.output === 'loss' ? 'declined (no output)' : `${n.output} not offered`;
    suite
      .testCase()
      .className('coverage')
      .name(`notOffered/${n.output}/${n.loss}/${n.dtype}`)
      .skipped()
      .property('reason', `${what}: ${n.reasons.join('; ')}`);
  }
}

/** The report as JUnit XML. */
export function renderJunit(report: CheckReport): string {
  // A fresh builder: the package's default export is a shared instance.
  const builder = junitBuilder()
    .newBuilder()
    .name(`losscheck ${report.implementation} (${report.level}): ${verdictLine(report)}`);
  for (const f of familyCounts(report)) {
    const suite = builder.testSuite().name(f.family);
    suite.property('implementation', report.implementation).property('level', report.level);
    suite
      .property('seed', String(report.seed))
      .property('runs', String(report.runs))
      .property('verdict', report.verdict);
    report.staleManifestEntries.forEach((entry, i) => suite.property(`stale.${i}`, entry));
    report.expiredManifestEntries.forEach((entry, i) => suite.property(`expired.${i}`, entry));
    report.wrongReasonFailures.forEach((entry, i) => suite.property(`wrongReason.${i}`, entry));
    report.unexpectedPasses.forEach((entry, i) => suite.property(`unexpectedPass.${i}`, entry));
    for (const r of f.results) fillCase(suite.testCase(), r, report);
  }
  coverageSuite(builder, report);
  return builder.build();
}
