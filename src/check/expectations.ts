/**
 * The certified reference's outcome for each case a check draws, cached by case: property
 * shrinking and the invariant families ask for the same case many times.
 */
import { decodeCase } from '../case/decode.js';
import { LossInputError } from '../case/errors.js';
import { validateCase } from '../case/validate.js';
import type { ReferenceEngine } from '../reference/arithmetic.js';
import { evaluateReference } from '../reference/reference.js';
import { UndeterminedError } from '../reference/ziv.js';
import type { CaseJson, Expected } from '../../properties/families/family.js';

/** What `expect` needs: the engine to certify with, and how many outcomes to keep. */
export interface ExpectationOptions {
  readonly engine: ReferenceEngine;
  readonly cacheSize?: number;
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

/** `expect` for a CheckContext. */
export function expectations(options: ExpectationOptions): (json: CaseJson) => Promise<Expected> {
  const cache = new Map<string, Expected>();
  const limit = options.cacheSize ?? 4096;
  return async (json) => {
    const key = JSON.stringify(json);
    const hit = cache.get(key);
    if (hit) return hit;
    const value = outcome(json, options.engine);
    if (cache.size >= limit) cache.delete(cache.keys().next().value!);
    cache.set(key, value);
    return value;
  };
}
