/**
 * One point of a series (spec/stability.md#STAB-3): the case built at a sweep value, through the
 * implementation (timed) and the certified reference (through the check's expectations cache),
 * summarised as the mean and maximum bits of error of its loss values and the count of values
 * that are not finite where the certified one is.
 */
import { runDecodedCase } from '../adapters/runCase.js';
import type { Implementation } from '../adapters/types.js';
import { decodeCase } from '../case/decode.js';
import { ImplementationFault } from '../case/errors.js';
import type { CaseResult, Dtype, LossCase } from '../case/types.js';
import { FORMATS } from '../numeric/dtype.js';
import { dtypeError } from '../numeric/ulp.js';
import type { CaseJson, Expected } from '../../properties/families/family.js';
import type { StabilityPoint } from './types.js';

export interface PointContext {
  readonly impl: Implementation;
  readonly expect: (json: CaseJson) => Promise<Expected>;
}

export type Measured =
  | { readonly kind: 'point'; readonly point: StabilityPoint }
  | { readonly kind: 'unsupported'; readonly reason: string }
  | { readonly kind: 'undetermined'; readonly reason: string };

/** Timing stops after a quarter millisecond, or after `MAX_TIMED_RUNS` runs, whichever comes first. */
const MIN_TIMED_NS = 2.5e5;
const MAX_TIMED_RUNS = 16;

/** The implementation's answer and its time per run, from as many runs as make a quarter millisecond. */
async function timedRun(impl: Implementation, c: LossCase): Promise<{ result: CaseResult; ns: number }> {
  let result: CaseResult | undefined;
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (runs < MAX_TIMED_RUNS && (runs === 0 || elapsed < MIN_TIMED_NS)) {
    result = await runDecodedCase(impl, c).catch((e: unknown) => {
      // No answer (FMT-5.3) is recorded as the point's rejection, saying what happened.
      if (e instanceof ImplementationFault) return { id: c.id, error: `${e.kind}: ${e.message}` };
      throw e;
    });
    runs++;
    elapsed = Number(process.hrtime.bigint() - start);
  }
  return { result: result!, ns: elapsed / runs };
}

/** Bits of error of every loss value, and the non-finite ones (TOL-LEVEL.1, TOL-1, TOL-2). */
function lossErrors(actual: ArrayLike<number>, expected: ArrayLike<number>, dtype: Dtype) {
  const bits: number[] = [];
  let nonFinite = 0;
  for (let i = 0; i < expected.length; i++) {
    const error = dtypeError(actual[i]!, expected[i]!, dtype);
    bits.push(error.bits);
    if (!Number.isFinite(error.actual) && Number.isFinite(expected[i]!)) nonFinite++;
  }
  return { bits, nonFinite };
}

function summary(x: number, bits: readonly number[], nonFinite: number, ns: number): StabilityPoint {
  const total = bits.reduce((a, b) => a + b, 0);
  return {
    x,
    meanBits: total / bits.length,
    maxBits: Math.max(...bits),
    nonFinite,
    nsPerValue: ns / bits.length,
  };
}

/** Measure the point of sweep value `x`, whose case is `json`. */
export async function measurePoint(ctx: PointContext, json: CaseJson, x: number): Promise<Measured> {
  const expected = await ctx.expect(json);
  if (expected.kind === 'undetermined') return { kind: 'undetermined', reason: expected.message };
  // A sweep builds valid cases only (SWP-1): a rejection by the reference is losscheck's bug.
  if (expected.kind === 'error') throw new Error(`sweep case ${String(json.id)} is invalid: ${expected.message}`);
  const { result, ns } = await timedRun(ctx.impl, decodeCase(json));
  if ('unsupported' in result) return { kind: 'unsupported', reason: result.unsupported };
  const want = expected.values.loss;
  const { dtype } = expected.case;
  const width = FORMATS[dtype].width;
  const got = 'error' in result ? undefined : result.loss;
  if (!got || got.length !== want.length) {
    const why = 'error' in result ? result.error : `loss has ${got?.length ?? 0} values, expected ${want.length}`;
    return { kind: 'point', point: { ...summary(x, Array<number>(want.length).fill(width), 0, ns), rejected: why } };
  }
  const { bits, nonFinite } = lossErrors(got, want, dtype);
  return { kind: 'point', point: summary(x, bits, nonFinite, ns) };
}
