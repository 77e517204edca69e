/**
 * The manifest applied to a run's results (spec/formats.md#CHK-4, CHK-4.1): failures it expects
 * become `xfail`, and it audits itself — entries expired, stale, whose check failed another way,
 * or whose pinned counterexample now passes — so that a known-failure list cannot rot unseen.
 */
import type { CheckResult } from '../report/types.js';
import { replayOf } from './corpus.js';
import { describeEntry, matcher, type Deviation, type Manifest } from './manifest.js';
import { failureKind, matchesSignature } from './signature.js';

/** What a run's manifest says of itself (CHK-4.1), each entry as `describeEntry` writes it. */
export interface ManifestAudit {
  readonly stale: string[];
  readonly expired: string[];
  /** A failure of an entry's check that is not the failure it names: `CHECK failed [kind] MESSAGE, not as ENTRY`. */
  readonly wrongReason: string[];
  /** Entries whose pinned counterexample passed when replayed: the deviation is fixed. */
  readonly unexpectedPass: string[];
}

/** The check a result is of: a replay (CHK-3, CHK-4.1) is one of the check it replays. */
const checkOf = (r: CheckResult): string => replayOf(r).check;

/** Whether a result is of a check `pattern` names that the run ran (a pinned replay is not one). */
const inRun = (r: CheckResult, pattern: RegExp): boolean => r.family !== 'manifest' && pattern.test(checkOf(r));

/** Whether an entry has expired on `today` (`YYYY-MM-DD`, UTC). */
const expired = (d: Deviation, today: string): boolean => d.expires !== undefined && d.expires < today;

/** Failures the manifest expects become `xfail`; returns the results and the manifest's audit (CHK-4.1). */
export function applyManifest(
  results: readonly CheckResult[],
  manifest: Manifest | undefined,
  today = new Date().toISOString().slice(0, 10),
): { results: CheckResult[]; audit: ManifestAudit } {
  if (!manifest)
    return { results: [...results], audit: { stale: [], expired: [], wrongReason: [], unexpectedPass: [] } };
  const entries = manifest.deviations.map((d, i) => ({ d, ...matcher(d, 'manifest', i) }));
  const live = entries.filter((e) => !expired(e.d, today));
  const used = new Set<Deviation>();
  const otherwise = new Set<Deviation>();
  const wrongReason: string[] = [];
  const applied = results.map((r) => {
    if (r.status !== 'fail') return r;
    const named = live.filter((e) => e.check.test(checkOf(r)));
    const entry = named.find((e) => matchesSignature(r, e.d, e.message));
    if (!entry) {
      named.forEach((e) => otherwise.add(e.d));
      if (named.length > 0)
        wrongReason.push(
          `${r.check} failed [${failureKind(r) ?? 'unknown'}] ${r.message ?? ''}, not as ${describeEntry(named[0]!.d)}`,
        );
      return r;
    }
    used.add(entry.d);
    return { ...r, status: 'xfail' as const, reason: entry.d.reason };
  });
  const fixed = new Set(
    results.filter((r) => r.status === 'pass').flatMap((r) => entries[replayOf(r).pinnedBy ?? -1]?.d ?? []),
  );
  // An entry whose check failed otherwise, or whose pinned case passed, is listed as such, not as stale.
  const stale = live.filter(
    (e) => !used.has(e.d) && !otherwise.has(e.d) && !fixed.has(e.d) && results.some((r) => inRun(r, e.check)),
  );
  return {
    results: applied,
    audit: {
      stale: stale.map((e) => describeEntry(e.d)),
      expired: entries.filter((e) => expired(e.d, today)).map((e) => describeEntry(e.d)),
      wrongReason,
      unexpectedPass: [...fixed].map(describeEntry),
    },
  };
}

/** The verdict with the manifest's audit: expired entries fail the run; stale ones and unexpected passes under `--strict-manifest`. */
export function auditedVerdict(
  verdict: 'conformant' | 'nonconformant',
  audit: ManifestAudit,
  manifest: Manifest | undefined,
): 'conformant' | 'nonconformant' {
  const strict = manifest?.strict === true && audit.stale.length + audit.unexpectedPass.length > 0;
  const failsRun = audit.expired.length > 0 || strict;
  return failsRun ? 'nonconformant' : verdict;
}
