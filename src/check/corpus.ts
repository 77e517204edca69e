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
}

export function readCorpusEntry(file: string): CorpusEntry {
  let raw: Partial<CorpusEntry>;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<CorpusEntry>;
  } catch (e) {
    throw new UsageError(`${file}: not a counterexample file (${(e as Error).message})`);
  }
  if (typeof raw.check !== 'string' || typeof raw.case !== 'object' || raw.case === null) {
    throw new UsageError(`${file}: a counterexample file holds { "check": "...", "case": {...} } (CHK-3)`);
  }
  return { ...(raw as CorpusEntry), file };
}

export function loadCorpus(dir: string): CorpusEntry[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch {
    return []; // a corpus directory that does not exist yet is empty
  }
  return names.map((n) => readCorpusEntry(join(dir, n)));
}

/** Save a failure; the name is stable for the same check and case, so re-finding it overwrites. */
export function saveFailure(dir: string, result: CheckResult): string {
  const hash = createHash('sha256').update(JSON.stringify(result.counterexample)).digest('hex').slice(0, 10);
  const file = join(dir, `${result.check.replace(/[^A-Za-z0-9_.-]+/g, '_')}-${hash}.json`);
  const entry = {
    check: result.check,
    case: result.counterexample,
    input: result.input,
    seed: result.seed,
    path: result.path,
    message: result.message,
  };
  writeWhole(file, `${JSON.stringify(entry, null, 2)}\n`);
  return file;
}
