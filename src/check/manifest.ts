/**
 * Known deviations of an implementation (spec/formats.md#CHK-4): checks expected to fail in a
 * named way, each with a reason. A failing check an entry names, whose message shows the
 * behaviour the entry describes, is `xfail`; an entry that names no such failure is stale (the
 * deviation is fixed, or was not met this time) and reported as such.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UsageError } from '../case/errors.js';
import type { CheckResult } from '../report/types.js';

export interface Deviation {
  /** A check id; `*` matches any run of characters within one `/`-separated part. */
  readonly check: string;
  /** The behaviour: a regular expression the failure's message must match. @defaultValue any message */
  readonly message?: string;
  readonly reason: string;
  readonly link?: string;
}

export interface Manifest {
  readonly implementation?: string;
  readonly deviations: readonly Deviation[];
}

/** A manifest as a run used it (REP-1 `manifest`): the file it came from, the digest of its bytes, its entries. */
export interface LoadedManifest extends Manifest {
  readonly file: string;
  readonly digest: string;
}

const SHAPE = `expected { "deviations": [{ "check": "...", "message"?: "REGEXP", "reason": "..." }] } (CHK-4)`;

function checkPattern(check: string): RegExp {
  const escaped = check
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${escaped}$`);
}

/** One entry's matchers, its message pattern compiled once (a bad one is the manifest's fault). */
function matcher(d: Deviation, file: string, i: number): { check: RegExp; message: RegExp | undefined } {
  try {
    return { check: checkPattern(d.check), message: d.message === undefined ? undefined : new RegExp(d.message) };
  } catch (e) {
    throw new UsageError(
      `--manifest ${file}: deviations[${i}].message is not a regular expression: ${(e as Error).message}`,
    );
  }
}

const isDeviation = (d: Partial<Deviation> | null): boolean =>
  typeof d?.check === 'string' &&
  typeof d.reason === 'string' &&
  (d.message === undefined || typeof d.message === 'string');

export function loadManifest(file: string): LoadedManifest {
  let raw: unknown;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--manifest ${file}: ${(e as Error).message}`);
  }
  const deviations = (raw as { deviations?: unknown } | null)?.deviations;
  if (!Array.isArray(deviations) || !deviations.every(isDeviation))
    throw new UsageError(`--manifest ${file}: ${SHAPE}`);
  (deviations as Deviation[]).forEach((d, i) => matcher(d, file, i));
  const digest = `sha256:${createHash('sha256').update(text).digest('hex')}`;
  return { ...(raw as Manifest), file, digest };
}

/** The check a result is of: a corpus replay (CHK-3) is one of the check that found it. */
const checkOf = (r: CheckResult): string => (r.family === 'corpus' ? r.check.slice('corpus/'.length) : r.check);

/** Failures the manifest expects become `xfail`; returns the results and the stale entries. */
export function applyManifest(
  results: readonly CheckResult[],
  manifest: Manifest | undefined,
): { results: CheckResult[]; stale: string[] } {
  if (!manifest) return { results: [...results], stale: [] };
  const entries = manifest.deviations.map((d, i) => ({ d, ...matcher(d, 'manifest', i) }));
  const used = new Set<Deviation>();
  const applied = results.map((r) => {
    if (r.status !== 'fail') return r;
    const entry = entries.find((e) => e.check.test(checkOf(r)) && (e.message?.test(r.message ?? '') ?? true));
    if (!entry) return r;
    used.add(entry.d);
    return { ...r, status: 'xfail' as const, reason: entry.d.reason };
  });
  const stale = entries.filter((e) => !used.has(e.d) && results.some((r) => e.check.test(checkOf(r))));
  return { results: applied, stale: stale.map((e) => `${e.d.check}: ${e.d.reason}`) };
}
