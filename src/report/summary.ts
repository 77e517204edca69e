/**
 * What every report shows the same way (spec/formats.md#REP-1..4): the statuses in display
 * order, the counts per family, and how a failure replays (CHK-2, CHK-3).
 */
import type { FaultKind } from '../case/errors.js';
import type { CheckReport, CheckResult, CheckStatus, NotOffered } from './types.js';
import { shellLine } from './shellLine.js';

export const STATUS_ORDER: readonly CheckStatus[] = ['pass', 'fail', 'xfail', 'skip', 'error', 'notrun'];

/** A count of each status, all zero. */
export const noStatuses = (): Record<CheckStatus, number> => ({
  pass: 0,
  fail: 0,
  skip: 0,
  xfail: 0,
  error: 0,
  notrun: 0,
});

export interface FamilyCounts {
  readonly family: string;
  readonly counts: Readonly<Record<CheckStatus, number>>;
  readonly results: readonly CheckResult[];
}

/** The families in run order, each with its results and their count per status. */
export function familyCounts(report: CheckReport): FamilyCounts[] {
  const families = [...new Set(report.results.map((r) => r.family))];
  return families.map((family) => {
    const results = report.results.filter((r) => r.family === family);
    const counts = noStatuses();
    for (const r of results) counts[r.status]++;
    return { family, counts, results };
  });
}

/** Outputs not offered, grouped by output and reasons, with the losses and dtypes each covers (CHK-9). */
export interface NotOfferedGroup {
  /** The output, or `every output` for cases declined whole. */
  readonly output: string;
  /** `softmax_cross_entropy (float64, float32), binary_cross_entropy (float32)` */
  readonly where: string;
  readonly reasons: string;
}

export function notOfferedGroups(notOffered: readonly NotOffered[]): NotOfferedGroup[] {
  const groups = new Map<string, { output: string; reasons: string; dtypes: Map<string, string[]> }>();
  for (const n of notOffered) {
    const output = n.output === 'loss' ? 'every output' : n.output;
    const reasons = n.reasons.join('; ');
    const key = `${output}\n${reasons}`;
    const group = groups.get(key) ?? { output, reasons, dtypes: new Map<string, string[]>() };
    group.dtypes.set(n.loss, [...(group.dtypes.get(n.loss) ?? []), n.dtype]);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ output, reasons, dtypes }) => ({
    output,
    reasons,
    where: [...dtypes].map(([loss, list]) => `${loss} (${list.join(', ')})`).join(', '),
  }));
}

/** Results that make the run nonconformant. */
export function failures(report: CheckReport): CheckResult[] {
  return report.results.filter((r) => r.status === 'fail' || r.status === 'error');
}

/** Arrays longer than this are shortened in the rendered reports (REP intro). */
export const SHOWN_VALUES = 64;

/** A long array as its first SHOWN_VALUES entries and a count of the rest. */
const shortened = (_key: string, value: unknown): unknown =>
  Array.isArray(value) && value.length > SHOWN_VALUES
    ? [...value.slice(0, SHOWN_VALUES), `… ${value.length - SHOWN_VALUES} more`]
    : value;

/** A value as one line of JSON, its long arrays cut short. */
export function shortJson(value: unknown): string {
  return JSON.stringify(value, shortened);
}

/**
 * The counterexample as one line of FMT-1 JSON; a long array is cut short, the whole case
 * staying in the JSON report and the corpus (a 131072-class row would fill a terminal).
 */
export function caseLine(r: CheckResult): string | undefined {
  return r.counterexample ? shortJson(r.counterexample) : undefined;
}

/** ULPs and bits of the worst value, when a value was wrong (TOL-1, TOL-2). */
export function errorSize(r: Pick<CheckResult, 'ulps' | 'bits'>): string | undefined {
  if (r.ulps === undefined || r.bits === undefined) return undefined;
  return `${r.ulps} ULPs, ${r.bits.toFixed(1)} bits`;
}

/**
 * How to reproduce a failure: its saved counterexample replayed (REP-8), else the same run by
 * seed (CHK-2) or a corpus (CHK-3).
 */
export function replayLine(r: CheckResult, report: CheckReport): string | undefined {
  if (r.reproduce !== undefined) return r.reproduce;
  if (r.seed === undefined) return undefined;
  const impl = shellLine([report.impl ?? report.implementation]); // a cmd: holds spaces: the line must paste into a shell
  const run = `losscheck check --impl ${impl} --level ${report.level} --seed ${r.seed} --runs ${report.runs}`;
  return `seed ${r.seed}${r.path ? `, path ${r.path}` : ''}: ${run} (same scope), or --corpus DIR then losscheck replay FILE --impl ${impl}`;
}

/** REG-3: each regime that got fewer cases than --min-coverage, as one line. */
export function shortfallLines(report: CheckReport): string[] {
  return (report.shortfalls ?? []).map(
    (s) => `${s.loss} ${s.dtype}: ${s.cases} cases in ${s.regime}, fewer than --min-coverage ${report.minCoverage}`,
  );
}

/** Why a run ended before its last check (CLI-8, FMT-5.4), when it did. */
export function stoppedLine(report: CheckReport): string | undefined {
  const notRun = `${report.summary.notrun} checks not run`;
  if (report.interrupted) return `interrupted: ${notRun}; the results are those found so far`;
  if (report.gaveUp) return `${report.gaveUp}; ${notRun}`;
  return undefined;
}

/** The one-line verdict every report opens with. */
export function verdictLine(report: CheckReport): string {
  const failing = report.summary.fail + report.summary.error;
  const short = report.shortfalls?.length ?? 0;
  const expired = report.expiredManifestEntries.length;
  const strictStale =
    report.manifest?.strict === true && report.staleManifestEntries.length + report.unexpectedPasses.length;
  const notes = [
    failing && `${failing} failing`,
    short && `${short} regimes under --min-coverage ${report.minCoverage}`,
    expired && `${expired} manifest entr${expired > 1 ? 'ies' : 'y'} expired`,
    strictStale && `${strictStale} manifest entr${strictStale > 1 ? 'ies' : 'y'} stale or passing, --strict-manifest`,
    report.interrupted && 'interrupted',
    report.gaveUp && 'gave up',
  ];
  const shown = notes.filter(Boolean);
  return `${report.verdict}${shown.length ? ` (${shown.join(', ')})` : ''}`;
}

export interface FaultGroup {
  readonly kind: FaultKind;
  readonly count: number;
  /** The first check it happened in. */
  readonly first: CheckResult;
}

/** Faults of the implementation (FMT-5.3), once per kind, in order of first appearance. */
export function faultGroups(report: CheckReport): FaultGroup[] {
  const groups = new Map<FaultKind, { count: number; first: CheckResult }>();
  for (const r of report.results) {
    if (r.fault === undefined || r.status !== 'fail') continue;
    const group = groups.get(r.fault);
    if (group) group.count++;
    else groups.set(r.fault, { count: 1, first: r });
  }
  return [...groups].map(([kind, g]) => ({ kind, ...g }));
}

/** What the manifest says of itself (CHK-4.1): each list with its heading, the empty ones left out. */
export function manifestAudit(report: CheckReport): { title: string; label: string; entries: readonly string[] }[] {
  const lists = [
    {
      title: 'Expired manifest entries (they fail the run)',
      label: 'EXPIRED manifest entry',
      entries: report.expiredManifestEntries,
    },
    {
      title: 'Failures not as their manifest entry says (wrong reason)',
      label: 'WRONG REASON',
      entries: report.wrongReasonFailures,
    },
    {
      title: 'Unexpected passes (a pinned counterexample of the manifest passes)',
      label: 'UNEXPECTED PASS',
      entries: report.unexpectedPasses,
    },
    {
      title: 'Stale manifest entries (no longer fail)',
      label: 'STALE manifest entry (no longer fails)',
      entries: report.staleManifestEntries,
    },
  ];
  return lists.filter((l) => l.entries.length > 0);
}
