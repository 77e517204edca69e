/**
 * A starting manifest from a report's failures (spec/formats.md#CHK-4.2): one entry per check and
 * failure, with its signature — the kind, and the message as a pattern whose numbers may vary —
 * for a team adopting the gate to give each a reason, or fix it.
 */
import type { CheckReport, CheckResult } from '../report/types.js';
import type { Deviation, Manifest } from './manifest.js';
import { failureKind } from './signature.js';

/** How much of a message the pattern keeps: enough to name the behaviour, not the case. */
const PATTERN_CHARS = 160;

/** A number in a message (not a digit of a clause id such as TOL-LEVEL.2). */
const NUMBER = /(?<![A-Za-z0-9.\\-])-?\d+(?:\.\d+)?(?:e[-+]?\d+)?(?![A-Za-z])/g;

/** `message` as a pattern: its first characters, escaped, anchored at the start, each number any number. */
export function messagePattern(message: string): string {
  const head = [...message].slice(0, PATTERN_CHARS).join('');
  return `^${head
    .split(NUMBER)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[-+0-9.e]+')}`;
}

/** The check a failure is of: a corpus replay (CHK-3) as the check it replays. */
const checkOf = (r: CheckResult): string => (r.family === 'corpus' ? r.check.slice('corpus/'.length) : r.check);

/** A manifest expecting each failure of `report`, once per check and signature. */
export function startingManifest(report: CheckReport, expires?: string): Manifest {
  const found = `found by losscheck ${report.version} at --level ${report.level}, seed ${report.seed}`;
  const entries = new Map<string, Deviation>();
  for (const r of report.results.filter((x) => x.status === 'fail')) {
    const entry: Deviation = {
      check: checkOf(r),
      ...(failureKind(r) && { kind: failureKind(r) }),
      message: messagePattern(r.message ?? ''),
      reason: `TODO: why this deviation is accepted (${found})`,
      ...(expires !== undefined && { expires }),
    };
    entries.set(JSON.stringify([entry.check, entry.kind, entry.message]), entry);
  }
  return { implementation: report.implementation, deviations: [...entries.values()] };
}
