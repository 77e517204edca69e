/**
 * One case through one implementation, whatever happens: values, a rejection or a refusal
 * (spec/formats.md#FMT-3). Only a failure of the setup (UsageError) escapes.
 */
import { LossInputError, UnsupportedCaseError, UsageError } from '../case/errors.js';
import { caseId, decodeCase } from '../case/decode.js';
import type { CaseResult, LossCase } from '../case/types.js';
import type { Implementation } from './types.js';

/** Evaluate a decoded case. */
export async function runDecodedCase(impl: Implementation, c: LossCase): Promise<CaseResult> {
  const supported = impl.supports?.(c) ?? true;
  if (supported !== true) return { id: c.id, unsupported: supported };
  try {
    return { id: c.id, ...(await impl.evaluate(c)) };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if (e instanceof UnsupportedCaseError) return { id: c.id, unsupported: e.message };
    return { id: c.id, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Decode a JSON case and evaluate it; a case that does not decode is an error result. */
export async function runCase(impl: Implementation, raw: unknown): Promise<CaseResult> {
  let c: LossCase;
  try {
    c = decodeCase(raw);
  } catch (e) {
    if (e instanceof LossInputError) return { id: caseId(raw), error: e.message };
    throw e;
  }
  return runDecodedCase(impl, c);
}
