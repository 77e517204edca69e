/**
 * Relations between answers (spec/tolerance.md#TOL-REL): judged where every related exact value
 * is finite (TOL-REL.3), each answer within its level's distance (TOL-REL.1, TOL-REL.2).
 */
import type { OutputName } from '../../../src/case/types.js';
import { bitsOfError, maxUlps, ulpOf } from '../../../src/numeric/ulp.js';
import { linearRelation, type RelationOptions } from '../../../src/verdict/relation.js';
import type { Judgement } from '../family.js';
import type { Answer } from './answers.js';

/** α·ŷ for one value of one answer. */
export interface Term {
  readonly answer: Answer;
  readonly output: OutputName;
  readonly index: number;
  readonly coefficient: number;
  /** Rounding errors in forming the coefficient in binary64. @defaultValue 1 */
  readonly roundings?: number;
}

/** Σ α·y = c (or ≥ c) for the exact values; `what` says which relation, with its clause. */
export interface Relation {
  readonly what: string;
  readonly terms: readonly Term[];
  readonly options?: RelationOptions;
}

const PASS: Judgement = { status: 'pass' };
const valueOf = (t: Term): number => t.answer.got[t.output]![t.index]!;
const expectedOf = (t: Term): number => t.answer.expected[t.output]![t.index]!;
/** `grad[3] = 0.5 (shifted)`: the value first, as the agreement family's messages put it. */
const label = (t: Term): string => `${t.output}[${t.index}] = ${valueOf(t)} (${t.answer.name})`;

/**
 * REP-1's ulps and bits of a failed relation: its residual in ulps of the dtype at its largest
 * term (TOL-3's spacing), or TOL-1's maximal distance for a NaN or ∞ answer.
 */
function distance(r: Relation, residual: number): { ulps: number; bits: number } {
  const dtype = r.terms[0]!.answer.case.dtype;
  const largest = Math.max(...r.terms.map((t) => Math.abs(t.coefficient * valueOf(t))));
  const ulps =
    Number.isFinite(residual) && Number.isFinite(largest)
      ? Math.ceil(Math.abs(residual) / ulpOf(largest, dtype))
      : maxUlps(dtype);
  return { ulps, bits: bitsOfError(ulps) };
}

/** The relation's verdict, or undefined where an exact value is not finite (TOL-REL.3). */
function judgeRelation(r: Relation, level: string): Judgement | undefined {
  if (r.terms.some((t) => !Number.isFinite(expectedOf(t)))) return undefined;
  const broken = r.terms.find((t) => !Number.isFinite(valueOf(t)));
  if (broken)
    return {
      status: 'fail',
      kind: 'non-finite',
      message: `${label(broken)} where the exact value is finite (TOL-LEVEL.2): ${r.what}`,
      ...distance(r, NaN),
    };
  const outcome = linearRelation(
    r.terms.map((t) => ({
      coefficient: t.coefficient,
      value: valueOf(t),
      distance: t.answer.distance(t.output, t.index),
      roundings: t.roundings,
    })),
    r.options,
  );
  if (outcome.holds) return PASS;
  const [first, ...others] = r.terms.map(label);
  const against =
    others.length === 0 ? '' : `, against ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}`;
  const off = r.options?.inequality ? `short by ${-outcome.residual}` : `off by ${Math.abs(outcome.residual)}`;
  return {
    status: 'fail',
    kind: 'beyond-level',
    message: `${first}${against}: ${r.what}: ${off}, beyond the ${outcome.allowed} the ${level} level allows (TOL-REL.2)`,
    ...distance(r, outcome.residual),
  };
}

/** The outputs a relation needs that one of its answers does not offer (CHK-9). */
function notOffered(r: Relation): string[] {
  return [...new Set(r.terms.filter((t) => t.answer.got[t.output] === undefined).map((t) => t.output))];
}

/**
 * The first failing relation, else pass. A relation needing an output an answer does not offer
 * is not judged (CHK-9); a skip when no relation could be judged, saying why.
 */
export function judgeRelations(relations: Iterable<Relation>, level: string): Judgement {
  let judged = 0;
  const missing = new Set<string>();
  for (const r of relations) {
    const needs = notOffered(r);
    needs.forEach((output) => missing.add(output));
    if (needs.length > 0) continue;
    const verdict = judgeRelation(r, level);
    if (verdict === undefined) continue;
    if (verdict.status === 'fail') return verdict;
    judged++;
  }
  if (judged > 0) return PASS;
  if (missing.size > 0)
    return {
      status: 'skip',
      reason: `the relations need ${[...missing].join(' and ')}, not offered (CHK-9)`,
    };
  return { status: 'skip', reason: 'every related exact value is NaN or infinite (TOL-REL.3)' };
}

/** Every value of `output` in `a` equals `scale` times its counterpart `b[map(i)]`. */
export function* matching(
  what: string,
  a: Answer,
  b: Answer,
  output: OutputName,
  map: (i: number) => number = (i) => i,
  scale = 1,
): Generator<Relation> {
  const values = a.got[output];
  if (!values || !b.got[output]) return;
  for (let i = 0; i < values.length; i++) {
    yield {
      what,
      terms: [
        { answer: a, output, index: i, coefficient: 1 },
        { answer: b, output, index: map(i), coefficient: -scale },
      ],
    };
  }
}

/** `matching` for every output both answers have. */
export function* matchingOutputs(
  what: string,
  a: Answer,
  b: Answer,
  map: (output: OutputName, i: number) => number = (_, i) => i,
): Generator<Relation> {
  for (const output of ['loss', 'grad', 'logProb'] as const) yield* matching(what, a, b, output, (i) => map(output, i));
}
