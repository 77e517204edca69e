/**
 * The counterexample corpus (spec/formats.md#CHK-3): every shrunk failure is saved as a JSON file
 * and replayed, before any random run, on the next check of the same directory.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../case/errors.js';
import type { CheckResult } from '../report/types.js';
import { writeWhole } from '../report/write.js';

/** A saved failure: which check, the case, and how it was found. */
export interface CorpusEntry {
  readonly check: string;
  readonly case: Record<string, unknown>;
  /** The check's whole input, when it holds more than the case (CHK-3). */
  readonly input?: unknown;
  readonly seed?: number | undefined;
  readonly path?: string | undefined;
  readonly message?: string | undefined;
  /** The file it came from. */
  readonly file: string;
  /** The manifest entry that pins it (its index, CHK-4.1): replayed to confirm the deviation. */
  readonly pinnedBy?: number;
}

/** The result id of a replay: `corpus/CHECK`, or `manifest[I]/CHECK` for entry I's pinned counterexample. */
export const replayId = (entry: CorpusEntry): string =>
  entry.pinnedBy === undefined ? `corpus/${entry.check}` : `manifest[${entry.pinnedBy}]/${entry.check}`;

/** The family of a replay's result. */
export const replayFamily = (entry: CorpusEntry): string => (entry.pinnedBy === undefined ? 'corpus' : 'manifest');

/** A result's check and, for a pinned replay, the entry that pinned it (CHK-3, CHK-4.1). */
export function replayOf(r: Pick<CheckResult, 'check' | 'family'>): { check: string; pinnedBy?: number } {
  if (r.family === 'corpus') return { check: r.check.slice('corpus/'.length) };
  const m = r.family === 'manifest' ? /^manifest\[(\d+)\]\/(.*)$/.exec(r.check) : null;
  return m ? { check: m[2]!, pinnedBy: Number(m[1]) } : { check: r.check };
}

/** A counterexample from its file's text (CHK-3); `file` names it in errors. */
export function parseCorpusEntry(text: string, file: string): CorpusEntry {
  let raw: Partial<CorpusEntry>;
  try {
    raw = JSON.parse(text) as Partial<CorpusEntry>;
  } catch (e) {
    throw new UsageError(`${file}: not a counterexample file (${(e as Error).message})`);
  }
  if (typeof raw?.check !== 'string' || typeof raw.case !== 'object' || raw.case === null) {
    throw new UsageError(`${file}: a counterexample file holds { "check": "...", "case": {...} } (CHK-3)`);
  }
  return { ...(raw as CorpusEntry), file };
}

export function readCorpusEntry(file: string): CorpusEntry {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: not a counterexample file (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
  return parseCorpusEntry(text, file);
}

/** A corpus as a run sees it: its entries in file-name order, and the digest of its files (REP-1). */
export interface Corpus {
  readonly entries: readonly CorpusEntry[];
  /** `sha256:…` of every file's name and bytes, in name order: the same corpus, the same digest. */
  readonly digest: string;
}

export function loadCorpus(dir: string | undefined): Corpus {
  let names: string[] = [];
  try {
    if (dir !== undefined)
      names = readdirSync(dir)
        .filter((n) => n.endsWith('.json'))
        .sort();
  } catch {
    // a corpus directory that does not exist yet is empty
  }
  const hash = createHash('sha256');
  const entries = names.map((name) => {
    const text = readFileSync(join(dir!, name), 'utf8');
    hash.update(`${name}\n${text}\n`);
    return parseCorpusEntry(text, join(dir!, name));
  });
  return { entries, digest: `sha256:${hash.digest('hex')}` };
}

/** A failure as a corpus file's text (CHK-3): its check, case, whole input, seed, path and message. */
export function corpusEntryText(
  result: Pick<CheckResult, 'check' | 'counterexample' | 'input' | 'seed' | 'path' | 'message'>,
): string {
  const entry = {
    check: result.check,
    case: result.counterexample,
    input: result.input,
    seed: result.seed,
    path: result.path,
    message: result.message,
  };
  return `${JSON.stringify(entry, null, 2)}\n`;
}

/** Save a failure; the name is stable for the same check and case, so re-finding it overwrites. */
export function saveFailure(dir: string, result: CheckResult): string {
  const hash = createHash('sha256').update(JSON.stringify(result.counterexample)).digest('hex').slice(0, 10);
  const file = join(dir, `${result.check.replace(/[^A-Za-z0-9_.-]+/g, '_')}-${hash}.json`);
  writeWhole(file, corpusEntryText(result));
  return file;
}
