/**
 * What a reader needs to judge a failure (spec/formats.md#REP-10): the condition number of its
 * case at the failing value (TOL-4) and whose the failure is (TOL-ATTR), computed from the
 * counterexample and its worst value after the judgement.
 */
import type { CaseJson, FailedValue } from '../../properties/families/family.js';
import { decodeCase, decodeNumber } from '../case/decode.js';
import type { OutputName } from '../case/types.js';
import { validateCase } from '../case/validate.js';
import { attribute, type Attribution } from '../verdict/attribution.js';
import { valueContexts } from '../verdict/compare.js';
import { conditionAt } from '../verdict/condition.js';
import type { FailureKind } from '../verdict/kinds.js';
import type { LevelName } from '../verdict/levels.js';

export interface FailureFacts {
  /** κ of the case at the failing value (TOL-4). */
  readonly condition?: number;
  /** Whose the failure is (TOL-ATTR). */
  readonly attribution?: Attribution;
}

/** A failure of one value of its counterexample: a finite value beyond the level, or a non-finite one. */
export interface ValueFailure {
  readonly counterexample: CaseJson;
  readonly value: FailedValue;
  readonly kind: FailureKind;
  readonly bits: number;
}

const ATTRIBUTED: ReadonlySet<FailureKind> = new Set(['beyond-level', 'non-finite']);

/** REP-10's facts of a failing value; none for a failure that is not about a value of its counterexample. */
export function failureFacts(f: ValueFailure, level: LevelName): FailureFacts {
  const c = validateCase(decodeCase(f.counterexample));
  const output = f.value.output as OutputName;
  const kappa = conditionAt(c, output, f.value.index);
  // JSON has no ∞ or NaN: a κ that is not finite (an infinite exact value) is left out, and the
  // attribution's text names it (REP-10.2).
  const condition = Number.isFinite(kappa) ? { condition: kappa } : {};
  if (!ATTRIBUTED.has(f.kind)) return condition;
  const actual = decodeNumber(f.value.actual, 'value.actual');
  const expected = decodeNumber(f.value.expected, 'value.expected');
  const ctx = valueContexts(c)(output, f.value.index);
  return { ...condition, attribution: attribute(level, actual, expected, f.bits, kappa, ctx) };
}

/** The facts of a result, where its counterexample is the check's whole input and a value failed. */
export function resultFacts(
  r: { counterexample?: CaseJson; input?: unknown; value?: FailedValue; kind?: FailureKind; bits?: number },
  level: LevelName,
): FailureFacts {
  if (!r.counterexample || r.input !== undefined || !r.value || !r.kind || r.bits === undefined) return {};
  return failureFacts({ counterexample: r.counterexample, value: r.value, kind: r.kind, bits: r.bits }, level);
}
