/**
 * The implementation's answers to related cases, each value with TOL-REL.1's distance from its
 * exact value. The reference (through `ctx.expect`) only supplies RN(y) for those distances and
 * says which values are finite; relations compare answers with answers (relations.ts).
 */
import { OUTPUTS, type LossValues, type OutputName } from '../../../src/case/types.js';
import type { ValidCase } from '../../../src/case/validate.js';
import { roundTo } from '../../../src/numeric/dtype.js';
import { valueContexts } from '../../../src/verdict/compare.js';
import { distanceFromExact } from '../../../src/verdict/relation.js';
import type { CaseJson, CheckContext, Judgement } from '../family.js';
import { offered } from '../offered.js';

export interface Answer {
  /** How messages name the case: "the case", "shifted", "row 2 alone", … */
  readonly name: string;
  readonly json: CaseJson;
  /** The validated case, as the reference read it. */
  readonly case: ValidCase;
  readonly expected: LossValues;
  /** The answer's values, rounded into the dtype (TOL-LEVEL.1). */
  readonly got: LossValues;
  /** TOL-REL.1: how far `got[output][index]` may be from its exact value. */
  distance(output: OutputName, index: number): number;
}

/**
 * A related case the profile rejects: a defect of the check when its arbitrary drew the input;
 * outside the relation's domain when REP-10.1's search moved it there (src/check/worst.ts).
 */
export class InvalidRelatedCase extends Error {}

/** Thrown when a related case yields no answer to relate: the judgement to return instead. */
export class NoAnswer extends Error {
  constructor(readonly judgement: Judgement) {
    super(judgement.status === 'pass' ? 'pass' : judgement.status === 'skip' ? judgement.reason : judgement.message);
  }
}

/**
 * The values of the outputs offered (FMT-3: `loss` always), rounded into the dtype; an output not
 * offered stays absent from `got`, and the relations that need it are not judged (relations.ts).
 */
function checkedValues(
  c: ValidCase,
  offered: readonly OutputName[],
  name: string,
  result: LossValues,
  expected: LossValues,
): LossValues {
  const round = roundTo(c.dtype);
  const got: LossValues = { loss: new Float64Array() };
  for (const output of OUTPUTS.filter((o) => o === 'loss' || offered.includes(o))) {
    const values = result[output];
    const want = expected[output]?.length ?? 0;
    if (!values || values.length !== want)
      throw new NoAnswer({
        status: 'fail',
        kind: 'missing-output',
        message: `${name}: ${output} has ${values?.length ?? 'no'} values, expected ${want} (FMT-3)`,
        fault: values ? 'wrong-length' : 'missing-field',
      });
    got[output] = Float64Array.from(values, round);
  }
  return got;
}

/**
 * The implementation's answer to a related case, on the outputs it offers (CHK-9). Throws
 * NoAnswer when the reference cannot certify it or the implementation declines it (a skip), or
 * rejects it or leaves out a required output (a failure: the related cases are valid by
 * construction); an invalid related case is a defect of the check.
 */
export async function answer(ctx: CheckContext, json: CaseJson, name: string): Promise<Answer> {
  // The implementation first: a case it declines needs no certified values.
  const given = await offered(ctx, json);
  if ('unsupported' in given.result) throw new NoAnswer({ status: 'skip', reason: given.result.unsupported });
  const expected = await ctx.expect(json);
  if (expected.kind === 'undetermined')
    throw new NoAnswer({ status: 'skip', reason: `the reference is undetermined for ${name}: ${expected.message}` });
  if (expected.kind === 'error')
    throw new InvalidRelatedCase(`the check built an invalid case (${name}): ${expected.message}`);
  if (given.missingRequired)
    throw new NoAnswer({ ...given.missingRequired, message: `${name}: ${given.missingRequired.message}` });
  const result = given.result;
  if ('error' in result)
    throw new NoAnswer({
      status: 'fail',
      kind: 'rejected-valid',
      message: `rejected a valid case (${name}): ${result.error}`,
    });
  const got = checkedValues(
    expected.case,
    (given.json.outputs as OutputName[] | undefined) ?? [],
    name,
    result,
    expected.values,
  );
  const contextOf = valueContexts(expected.case, ctx.level);
  const distance = (output: OutputName, index: number) =>
    distanceFromExact(ctx.level, expected.values[output]![index]!, got[output]![index]!, contextOf(output, index));
  return { name, json, case: expected.case, expected: expected.values, got, distance };
}

/** Answers to several related cases, in order. */
export async function answers(ctx: CheckContext, named: readonly (readonly [CaseJson, string])[]): Promise<Answer[]> {
  const out: Answer[] = [];
  for (const [json, name] of named) out.push(await answer(ctx, json, name));
  return out;
}

/** A judge that may throw NoAnswer, as a judge that returns its judgement. */
export function guarded<I>(
  judge: (input: I, ctx: CheckContext) => Promise<Judgement>,
): (input: I, ctx: CheckContext) => Promise<Judgement> {
  return async (input, ctx) => {
    try {
      return await judge(input, ctx);
    } catch (e) {
      if (e instanceof NoAnswer) return e.judgement;
      throw e;
    }
  };
}
