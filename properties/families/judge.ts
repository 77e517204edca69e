/**
 * The one judgement every family ends in: an implementation's answer to a case against the
 * certified outcome, under the level (TOL-LEVEL) — values, or the profile's rejection — on the
 * outputs it offers (CHK-9).
 */
import { encodeNumber } from '../../src/case/decode.js';
import { compareCase } from '../../src/verdict/compare.js';
import type { CaseJson, CheckContext, Judgement } from './family.js';
import { offered } from './offered.js';

const PASS: Judgement = { status: 'pass' };

/**
 * Rejections that are losscheck's own case-domain rules, not a framework's (CHK-6): a value that
 * is not a member of the dtype (DT-2), a non-finite weight or target. Any answer is accepted.
 */
const DOMAIN_CODES = new Set(['not_representable', 'not_finite']);

/** Why a value fails, in one line: which output, what came, what was due. */
function valueMessage(v: {
  output: string;
  index: number;
  actual: number;
  expected: number;
  reason?: string | undefined;
}): string {
  return `${v.output}[${v.index}] = ${v.actual}, expected ${v.expected}: ${v.reason}`;
}

/** Judge the implementation on one case against the reference. */
export async function judgeAgainstReference(original: CaseJson, ctx: CheckContext): Promise<Judgement> {
  const { json, result, missingRequired } = await offered(ctx, original);
  if (missingRequired) return missingRequired;
  if ('unsupported' in result) return { status: 'skip', reason: result.unsupported };
  const expected = await ctx.expect(json);
  if (expected.kind === 'undetermined')
    return { status: 'skip', reason: `the reference is undetermined: ${expected.message}` };
  if (expected.kind === 'error') {
    if ('error' in result) return PASS;
    if (DOMAIN_CODES.has(expected.code))
      return { status: 'skip', reason: `outside the case domain (${expected.code}); any answer is accepted` };
    return {
      status: 'fail',
      kind: 'accepted-invalid',
      message: `accepted a case its profile rejects (${expected.code}): ${expected.message}`,
    };
  }
  if ('error' in result)
    return { status: 'fail', kind: 'rejected-valid', message: `rejected a valid case: ${result.error}` };
  const comparison = compareCase(expected.case, result, expected.values, ctx.level);
  ctx.observe?.(expected.case, comparison.values);
  if (comparison.shapeProblem)
    return { status: 'fail', kind: 'missing-output', message: comparison.shapeProblem, fault: comparison.shapeFault };
  if (comparison.pass) return PASS;
  const worst = comparison.values[0]!;
  const { output, index, actual, expected: due, ulps, bits } = worst;
  const value = { output, index, actual: encodeNumber(actual), expected: encodeNumber(due) };
  return { status: 'fail', kind: worst.kind ?? 'beyond-level', message: valueMessage(worst), ulps, bits, value };
}
