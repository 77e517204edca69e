/**
 * A peer's findings from conformance runs (spec/findings/): the reports of several seeds (and of
 * several implementations of one peer, as TF.js's backends) folded
 * into what passes, what is not offered, and each deviation once — a semantic difference (the
 * profile's answer and the peer's differ in kind) or a numerical weakness (a value too far from
 * the certified one) — with the smallest counterexample any seed found. A replay (a manifest's
 * pinned counterexample, `manifest[I]/CHECK`, or the corpus's, CHK-3, CHK-4.1) is a result of the
 * check it replays: the same finding, not one of its own.
 */
import { replayOf } from '../check/corpus.js';
import type { CheckReport, CheckResult, NotOffered } from '../report/types.js';
import type { LevelName } from '../verdict/levels.js';

export interface Finding {
  readonly check: string;
  readonly family: string;
  /** `numerical` when a value was wrong (it has ULPs and bits), else `semantic`. */
  readonly kind: 'semantic' | 'numerical';
  /** The manifest's reason when the run expected it, else undefined (a failure nobody explained). */
  readonly reason: string | undefined;
  /** The smallest counterexample found, and the result that reported it. */
  readonly smallest: CheckResult & { readonly counterexample: Record<string, unknown> };
  /** The implementation, level, seed and runs of the run that found the smallest one (CHK-2). */
  readonly implementation: string;
  readonly level: LevelName;
  readonly seed: number;
  readonly runs: number;
  /** Of the runs, how many found it. */
  readonly foundBy: number;
}

export interface Findings {
  readonly runs: readonly {
    readonly implementation: string;
    readonly level: LevelName;
    readonly seed: number;
    readonly runs: number;
    readonly verdict: string;
  }[];
  /** Per check, its statuses over the runs (a check that passed in one run and was expected to fail in another). */
  readonly checks: ReadonlyMap<string, { readonly family: string; readonly statuses: ReadonlySet<string> }>;
  readonly notOffered: readonly NotOffered[];
  readonly findings: readonly Finding[];
}

/** A counterexample's size: its values first (fewer positions and classes), then its text. */
function size(r: CheckResult): [number, number] {
  const c = r.counterexample ?? {};
  const values = Array.isArray(c.input) ? c.input.length : Number.POSITIVE_INFINITY;
  return [values, JSON.stringify(c).length];
}

const smaller = (a: CheckResult, b: CheckResult): boolean => {
  const [sa, sb] = [size(a), size(b)];
  return sa[0] < sb[0] || (sa[0] === sb[0] && sa[1] < sb[1]);
};

/** Failures and expected failures of a run, by check and behaviour (the manifest's reason). */
function deviations(results: readonly CheckResult[]): CheckResult[] {
  return results.filter((r) => (r.status === 'fail' || r.status === 'xfail') && r.counterexample);
}

/** A result as one of the check it is of: a replay's id and family are those of the check it replays. */
function ofCheck(r: CheckResult): CheckResult {
  const { check } = replayOf(r);
  return check === r.check ? r : { ...r, check, family: check.split('/')[0]! };
}

/** Each (check, behaviour) once per run, however many of its results (the check's own, its replays) met it. */
function foldFinding(found: Map<string, Finding>, r: CheckResult, report: CheckReport, counted: Set<string>): void {
  const key = `${r.check}\n${r.status === 'xfail' ? r.reason : ''}`;
  const seen = found.get(key);
  const first = !seen || smaller(r, seen.smallest);
  const smallest = (first ? r : seen.smallest) as Finding['smallest'];
  const again = counted.has(key);
  counted.add(key);
  found.set(key, {
    check: r.check,
    family: r.family,
    kind: smallest.bits === undefined ? 'semantic' : 'numerical',
    reason: r.status === 'xfail' ? r.reason : undefined,
    smallest,
    implementation: first ? report.implementation : seen.implementation,
    level: first ? report.level : seen.level,
    seed: first ? report.seed : seen.seed,
    runs: first ? report.runs : seen.runs,
    foundBy: (seen?.foundBy ?? 0) + (again ? 0 : 1),
  });
}

/** Entries of every run, the same output, loss and dtype once, their reasons merged. */
function mergedNotOffered(reports: readonly CheckReport[]): NotOffered[] {
  const merged = new Map<string, NotOffered>();
  for (const n of reports.flatMap((r) => r.notOffered)) {
    const key = `${n.loss}/${n.dtype}/${n.output}`;
    const reasons = [...new Set([...(merged.get(key)?.reasons ?? []), ...n.reasons])];
    merged.set(key, { ...n, reasons });
  }
  return [...merged.values()];
}

export function collectFindings(reports: readonly CheckReport[]): Findings {
  const found = new Map<string, Finding>();
  const checks = new Map<string, { family: string; statuses: Set<string> }>();
  for (const report of reports) {
    const results = report.results.map(ofCheck);
    for (const r of results) {
      const entry = checks.get(r.check) ?? { family: r.family, statuses: new Set<string>() };
      entry.statuses.add(r.status);
      checks.set(r.check, entry);
    }
    const counted = new Set<string>();
    for (const r of deviations(results)) foldFinding(found, r, report, counted);
  }
  return {
    runs: reports.map((r) => ({
      implementation: r.implementation,
      level: r.level,
      seed: r.seed,
      runs: r.runs,
      verdict: r.verdict,
    })),
    checks,
    notOffered: mergedNotOffered(reports),
    findings: [...found.values()],
  };
}
