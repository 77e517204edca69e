/**
 * The certified reference's outcome for each case a check draws, cached by case: property
 * shrinking and the invariant families ask for the same case many times; large cases also on
 * disk across runs, when asked (referenceCache.ts, CLI-9).
 */
import { decodeCase } from '../case/decode.js';
import { LossInputError } from '../case/errors.js';
import { valueCount } from '../case/size.js';
import { validateCase } from '../case/validate.js';
import type { ReferenceEngine } from '../reference/arithmetic.js';
import { evaluateReference } from '../reference/reference.js';
import { UndeterminedError } from '../reference/ziv.js';
import type { CaseJson, Expected } from '../../properties/families/family.js';
import { CACHED_VALUES, referenceCache, type ReferenceCache } from './referenceCache.js';

/** What `expect` needs: the engine to certify with, how many outcomes to keep, where to keep large ones. */
export interface ExpectationOptions {
  readonly engine: ReferenceEngine;
  readonly cacheSize?: number;
  /** `--reference-cache DIR` (CLI-9). */
  readonly referenceCache?: string | undefined;
}

function outcome(json: CaseJson, engine: ReferenceEngine): Expected {
  try {
    const c = validateCase(decodeCase(json));
    return { kind: 'values', case: c, values: evaluateReference(c, engine).values };
  } catch (e) {
    if (e instanceof LossInputError) return { kind: 'error', code: e.code, message: e.message };
    if (e instanceof UndeterminedError) return { kind: 'undetermined', message: e.message };
    throw e;
  }
}

/** A large case's outcome from the disk cache when it holds one, else certified and kept there. */
function outcomeThrough(disk: ReferenceCache, json: CaseJson, text: string, engine: ReferenceEngine): Expected {
  const stored = disk.read(text);
  if (stored === undefined) {
    const certified = outcome(json, engine);
    disk.write(text, certified);
    return certified;
  }
  // Values come with the case validated again: only the reference's work is kept.
  return stored.kind === 'values' ? { ...stored, case: validateCase(decodeCase(json)) } : stored;
}

/** `expect` for a CheckContext. */
export function expectations(options: ExpectationOptions): (json: CaseJson) => Promise<Expected> {
  const cache = new Map<string, Expected>();
  const limit = options.cacheSize ?? 4096;
  const disk =
    options.referenceCache === undefined ? undefined : referenceCache(options.referenceCache, options.engine.name);
  return async (json) => {
    const key = JSON.stringify(json);
    const hit = cache.get(key);
    if (hit) return hit;
    const value =
      disk !== undefined && valueCount(json) >= CACHED_VALUES
        ? outcomeThrough(disk, json, key, options.engine)
        : outcome(json, options.engine);
    if (cache.size >= limit) cache.delete(cache.keys().next().value!);
    cache.set(key, value);
    return value;
  };
}
