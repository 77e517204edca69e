/**
 * Known deviations of an implementation (spec/formats.md#CHK-4): checks expected to fail in a
 * named way (a signature), each with a reason and perhaps a date it expires. A failing check an
 * entry names, failing as the entry's signature says, is `xfail`; the manifest audits itself
 * (CHK-4.1): entries expired, stale, or whose check failed another way are listed in every report.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../case/errors.js';
import { readCorpusEntry, type CorpusEntry } from './corpus.js';
import { FAILURE_KINDS, describeSignature, type Signature } from './signature.js';

export interface Deviation extends Signature {
  /** A check id; `*` matches any run of characters within one `/`-separated part. */
  readonly check: string;
  readonly reason: string;
  /** `YYYY-MM-DD`: from the day after, the entry no longer excuses its failure and fails the run. */
  readonly expires?: string;
  /** A counterexample file (CHK-3) the deviation fails on, relative to the manifest: replayed every run. */
  readonly counterexample?: string;
  readonly link?: string;
  /**
   * The implementations (`--impl` names) the entry is about, in a manifest several share; absent:
   * every one. A run of another implementation leaves the entry out (CHK-4.3).
   */
  readonly implementations?: readonly string[];
}

export interface Manifest {
  readonly implementation?: string;
  readonly deviations: readonly Deviation[];
  /** `--strict-manifest`: stale entries fail the run too. */
  readonly strict?: boolean;
}

/** A manifest as a run used it (REP-1 `manifest`): the file it came from, the digest of its bytes, its entries. */
export interface LoadedManifest extends Manifest {
  readonly file: string;
  readonly digest: string;
}

const SHAPE = `expected { "deviations": [{ "check": "...", "kind"?: "...", "message"?: "REGEXP", "bits"?: [LEAST, MOST], "reason": "...", "expires"?: "YYYY-MM-DD" }] } (CHK-4)`;

export function checkPattern(check: string): RegExp {
  const escaped = check
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${escaped}$`);
}

/** One entry's matchers, its message pattern compiled once (a bad one is the manifest's fault). */
export function matcher(d: Deviation, file: string, i: number): { check: RegExp; message: RegExp | undefined } {
  try {
    return { check: checkPattern(d.check), message: d.message === undefined ? undefined : new RegExp(d.message) };
  } catch (e) {
    throw new UsageError(
      `--manifest ${file}: deviations[${i}].message is not a regular expression: ${(e as Error).message}`,
    );
  }
}

const isDate = (s: unknown): boolean =>
  typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** The first field of an entry that is not of its shape, or undefined. */
function badField(d: Partial<Deviation> | null): string | undefined {
  if (typeof d?.check !== 'string') return 'check';
  if (typeof d.reason !== 'string') return 'reason';
  if (d.message !== undefined && typeof d.message !== 'string') return 'message';
  const kinds = [d.kind ?? []].flat() as string[];
  if (!kinds.every((k) => (FAILURE_KINDS as readonly string[]).includes(k)) || (d.kind && !kinds.length)) return 'kind';
  const b = d.bits as unknown;
  const band = Array.isArray(b) && b.length === 2 && b.every((x) => typeof x === 'number') && b[0]! <= b[1]!;
  if (b !== undefined && !band) return 'bits';
  if (d.expires !== undefined && !isDate(d.expires)) return 'expires';
  if (d.counterexample !== undefined && typeof d.counterexample !== 'string') return 'counterexample';
  const names = d.implementations as unknown;
  if (names !== undefined && !(Array.isArray(names) && names.every((n) => typeof n === 'string')))
    return 'implementations';
  return undefined;
}

/** An entry in one line, as the audit lists it. */
export const describeEntry = (d: Deviation): string =>
  `${d.check} ${describeSignature(d)}${d.expires ? ` (expires ${d.expires})` : ''}: ${d.reason}`;

/** A manifest's entries for one implementation, or every entry when none is named (CHK-4.3). */
const entriesFor = (deviations: readonly Deviation[], impl: string | undefined): Deviation[] =>
  deviations.filter((d) => impl === undefined || d.implementations === undefined || d.implementations.includes(impl));

export function loadManifest(file: string, strict = false, impl?: string): LoadedManifest {
  let raw: unknown;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--manifest ${file}: ${(e as Error).message}`);
  }
  const deviations = (raw as { deviations?: unknown } | null)?.deviations;
  if (!Array.isArray(deviations)) throw new UsageError(`--manifest ${file}: ${SHAPE}`);
  (deviations as Partial<Deviation>[]).forEach((d, i) => {
    const field = badField(d);
    if (field)
      throw new UsageError(
        `--manifest ${file}: deviations[${i}].${field} is missing or not of its shape; ${SHAPE}` +
          (field === 'kind' ? `; kinds: ${FAILURE_KINDS.join(', ')}` : ''),
      );
    matcher(d as Deviation, file, i);
  });
  const digest = `sha256:${createHash('sha256').update(text).digest('hex')}`;
  const pinned = entriesFor(deviations as Deviation[], impl).map((d) =>
    d.counterexample === undefined ? d : { ...d, counterexample: join(dirname(file), d.counterexample) },
  );
  const manifest = { ...(raw as Manifest), deviations: pinned, ...(strict && { strict }), file, digest };
  pinnedCounterexamples(manifest).forEach((entry) => {
    const d = pinned[entry.pinnedBy!]!;
    if (!checkPattern(d.check).test(entry.check))
      throw new UsageError(
        `--manifest ${file}: deviations[${entry.pinnedBy}].counterexample ${entry.file} is of ${entry.check}, not of ${d.check} (CHK-4.1)`,
      );
  });
  return manifest;
}

/** The counterexamples the entries pin, each to be replayed as its entry's (CHK-4.1). */
export function pinnedCounterexamples(manifest: Manifest | undefined): CorpusEntry[] {
  return (manifest?.deviations ?? []).flatMap((d, i) =>
    d.counterexample === undefined ? [] : [{ ...readCorpusEntry(d.counterexample), pinnedBy: i }],
  );
}
