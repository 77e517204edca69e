/**
 * The project's own conformance run (issue 4, item 6): what every family, over every loss, dtype
 * and profile, must conclude about each built-in implementation, with the manifests of their known
 * deviations (spec/formats.md#CHK-4).
 */
import { expect } from 'vitest';
import { type Manifest } from '../../src/check/manifest.js';
import { matchesSignature } from '../../src/check/signature.js';
import type { BuiltInName } from '../../src/losses/builtins.js';
import type { CheckReport } from '../../src/report/types.js';
import { formatSummary } from '../../src/report/terminal.js';
import type { LevelName } from '../../src/verdict/levels.js';

export interface BuiltInVerdict {
  readonly title: string;
  readonly name: BuiltInName;
  readonly level: LevelName;
  readonly manifest?: string;
  /** Conformant only through the manifest: some failure is expected. */
  readonly xfail?: boolean;
  /** Every manifest entry must still fail (none stale). */
  readonly noStale?: boolean;
}

export const BUILT_IN_VERDICTS: readonly BuiltInVerdict[] = [
  {
    title: 'should find naive conformant at the stable level only through its manifest, every entry still failing',
    name: 'naive',
    level: 'stable',
    manifest: 'fixtures/manifests/naive.json',
    xfail: true,
    // naive's deviations are overflows the arbitraries reach on every seed: none may go stale.
    noStale: true,
  },
  {
    title: 'should find fused conformant at the opmath level, the default, with no manifest (TOL-OPMATH.3)',
    name: 'fused',
    level: 'opmath',
  },
  {
    title: 'should find fused conformant at the accurate level (TOL-LEVEL.4) only through its manifest',
    name: 'fused',
    level: 'accurate',
    manifest: 'fixtures/manifests/fused.json',
    xfail: true,
  },
  { title: 'should find accurate conformant at its own level, with no manifest', name: 'accurate', level: 'accurate' },
];

/** The report concludes what `verdict` says. */
export function expectVerdict(report: CheckReport | undefined, verdict: BuiltInVerdict, log = ''): void {
  expect(report?.verdict, report ? formatSummary(report) : log).toBe('conformant');
  if (verdict.xfail) expect(report!.summary.xfail).toBeGreaterThan(0);
  if (verdict.noStale) expect(report!.staleManifestEntries).toEqual([]);
  const { expiredManifestEntries, wrongReasonFailures, unexpectedPasses } = report!;
  expect({ expiredManifestEntries, wrongReasonFailures, unexpectedPasses }).toEqual({
    expiredManifestEntries: [],
    wrongReasonFailures: [],
    unexpectedPasses: [],
  });
}

/**
 * Issue 11 item 6: a built-in's manifest excuses only the failures its entries name (CHK-4.1) —
 * every entry has a kind, every xfail matches the signature of the entry whose reason it carries,
 * and at this seed every entry is met (an entry met on some seeds only pins a counterexample).
 */
export function expectAudited(report: CheckReport, manifest: Manifest, everyEntryMet = true): void {
  expect(manifest.deviations.filter((d) => d.kind === undefined)).toEqual([]);
  if (everyEntryMet) expect(report.staleManifestEntries).toEqual([]);
  const unmatched = report.results.filter((r) => {
    if (r.status !== 'xfail') return false;
    const entry = manifest.deviations.find((d) => d.reason === r.reason);
    return (
      !entry ||
      !matchesSignature({ ...r, status: 'fail' }, entry, entry.message ? new RegExp(entry.message) : undefined)
    );
  });
  expect(unmatched.map((r) => r.check)).toEqual([]);
}
