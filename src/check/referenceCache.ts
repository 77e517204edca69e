/**
 * The certified reference's outcomes of large cases, kept on disk across runs
 * (`--reference-cache DIR`, spec/formats.md#CLI-9): a run with the same seed draws the same
 * cases — a CI gate at seed 0, every implementation checked at one seed — and the outcome of a
 * row of 262144 classes takes the reference a second or more. A file is named by the hash of
 * losscheck's version, the engine and the case; one that does not read back as an outcome is
 * computed again and replaced.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Expected } from '../../properties/families/family.js';
import { OUTPUTS, type LossValues, type OutputName } from '../case/types.js';
import { VERSION } from '../version.js';

/** Cases of at least this many values are kept: below it the reference takes milliseconds. */
export const CACHED_VALUES = 65536;

/** An outcome as a file holds it: the values without the case, which the case's JSON gives again. */
export type StoredOutcome =
  Exclude<Expected, { kind: 'values' }> | { readonly kind: 'values'; readonly values: LossValues };

export interface ReferenceCache {
  /** The outcome kept for a case's JSON text, if any reads back. */
  read(caseText: string): StoredOutcome | undefined;
  write(caseText: string, outcome: Expected): void;
}

/** Each value's IEEE bits, base64: exact for NaN, ±0 and ±∞ alike. */
const encodeValues = (values: Float64Array): string =>
  Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');

function decodeValues(text: unknown): Float64Array | undefined {
  if (typeof text !== 'string') return undefined;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 8 !== 0) return undefined;
  return new Float64Array(new Uint8Array(bytes).buffer);
}

function storedValues(raw: Record<string, unknown>): LossValues | undefined {
  const values: Partial<Record<OutputName, Float64Array>> = {};
  for (const [name, text] of Object.entries(raw)) {
    const decoded = decodeValues(text);
    if (!OUTPUTS.includes(name as OutputName) || decoded === undefined) return undefined;
    values[name as OutputName] = decoded;
  }
  return values.loss === undefined ? undefined : (values as LossValues);
}

/** A file's outcome, or undefined for anything else: a cache never decides a verdict on a bad file. */
function parseStored(text: string): StoredOutcome | undefined {
  const raw = JSON.parse(text) as Record<string, unknown> | null;
  if (typeof raw !== 'object' || raw === null) return undefined;
  if (raw.kind === 'values' && typeof raw.values === 'object' && raw.values !== null) {
    const values = storedValues(raw.values as Record<string, unknown>);
    return values && { kind: 'values', values };
  }
  if (raw.kind === 'error' && typeof raw.code === 'string' && typeof raw.message === 'string')
    return { kind: 'error', code: raw.code, message: raw.message };
  if (raw.kind === 'undetermined' && typeof raw.message === 'string')
    return { kind: 'undetermined', message: raw.message };
  return undefined;
}

function serialised(outcome: Expected): string {
  if (outcome.kind !== 'values') return JSON.stringify(outcome);
  const values = Object.fromEntries(
    Object.entries(outcome.values).flatMap(([name, v]) => (v === undefined ? [] : [[name, encodeValues(v)]])),
  );
  return JSON.stringify({ kind: 'values', values });
}

/** The cache in `dir` (made if missing) for outcomes certified by `engine`. */
export function referenceCache(dir: string, engine: string): ReferenceCache {
  mkdirSync(dir, { recursive: true });
  const file = (caseText: string) =>
    join(dir, `${createHash('sha256').update(`${VERSION}\0${engine}\0${caseText}`).digest('hex')}.json`);
  return {
    read: (caseText) => {
      try {
        return parseStored(readFileSync(file(caseText), 'utf8'));
      } catch {
        return undefined; // missing, unreadable or not JSON: computed again
      }
    },
    write: (caseText, outcome) => {
      try {
        writeFileAtomic.sync(file(caseText), serialised(outcome));
      } catch {
        // A full or read-only disk costs the next run the time, not this one its verdict.
      }
    },
  };
}
