/**
 * Each probe's outcome judged against the certified reference of its case: where ORT conforms
 * to the profile and where it departs, with the clauses the probe pins (spec/profiles.md,
 * spec/losses.md). Values are judged under `stable` (TOL-LEVEL.5: specials must match exactly);
 * a case the profile rejects must be rejected.
 */
import { decodeCase } from '../../../case/decode.js';
import type { CaseResult } from '../../../case/types.js';
import { LossInputError } from '../../../case/errors.js';
import { validateCase } from '../../../case/validate.js';
import type { ReferenceEngine } from '../../../reference/arithmetic.js';
import { evaluateReference } from '../../../reference/reference.js';
import { compareCase } from '../../../verdict/compare.js';
import type { ProbeOutcome } from './probes.js';

export type ProbeVerdict = 'conforms' | 'departs' | 'not run';

export interface JudgedProbe extends ProbeOutcome {
  readonly verdict: ProbeVerdict;
  /** The clause ids of the probe's expectation, e.g. `RED-4`, `PRO-3`. */
  readonly clauses: readonly string[];
}

const CLAUSE = /\b(?:[A-Z]{2,4}-\d+(?:\.\d+)?)\b/g;

/** An implementation's result on a case against the case's certified reference (any peer's probes). */
export function judgeResult(json: unknown, result: CaseResult, engine: ReferenceEngine): ProbeVerdict {
  if ('unsupported' in result) return 'not run';
  let reference;
  try {
    const valid = validateCase(decodeCase(json));
    reference = { valid, values: evaluateReference(valid, engine).values };
  } catch (e) {
    if (!(e instanceof LossInputError)) throw e;
    return 'error' in result ? 'conforms' : 'departs';
  }
  if ('error' in result) return 'departs';
  return compareCase(reference.valid, result, reference.values, 'stable').pass ? 'conforms' : 'departs';
}

const verdictOf = (o: ProbeOutcome, engine: ReferenceEngine): ProbeVerdict =>
  judgeResult(o.probe.case, o.result, engine);

export function judgeProbes(outcomes: readonly ProbeOutcome[], engine: ReferenceEngine): JudgedProbe[] {
  return outcomes.map((o) => ({ ...o, verdict: verdictOf(o, engine), clauses: o.probe.expected.match(CLAUSE) ?? [] }));
}
