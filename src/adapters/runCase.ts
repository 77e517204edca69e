/**
 * One case through one implementation (spec/formats.md#FMT-3): values, a rejection or a refusal.
 * What is not an answer escapes: a fault of the implementation (FMT-5.3) naming its case, giving
 * up on it (FMT-5.4), an interruption (CLI-8), or a failure of the setup (UsageError).
 */
import {
  GaveUpError,
  ImplementationFault,
  InterruptedError,
  LossInputError,
  UnsupportedCaseError,
  UsageError,
} from '../case/errors.js';
import { caseId, decodeCase, encodeCase } from '../case/decode.js';
import type { CaseResult, LossCase, LossValues } from '../case/types.js';
import type { Implementation } from './types.js';

/** Errors that are not the implementation's rejection of the case. */
const notAnAnswer = (e: unknown): boolean =>
  e instanceof ImplementationFault ||
  e instanceof GaveUpError ||
  e instanceof InterruptedError ||
  e instanceof UsageError;

async function values(impl: Implementation, c: LossCase): Promise<LossValues> {
  try {
    return await impl.evaluate(c);
  } catch (e) {
    if (e instanceof ImplementationFault) e.case ??= encodeCase(c);
    throw e;
  }
}

/** Evaluate a decoded case. */
export async function runDecodedCase(impl: Implementation, c: LossCase): Promise<CaseResult> {
  const supported = impl.supports?.(c) ?? true;
  if (supported !== true) return { id: c.id, unsupported: supported };
  try {
    return { id: c.id, ...(await values(impl, c)) };
  } catch (e) {
    if (notAnAnswer(e)) throw e;
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
