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

/**
 * The implementation's answer and its time per run, from as many runs as make a quarter
 * millisecond; a fault (a crash, a hang, garbage: FMT-5.3) is an answer too, here. Giving up
 * (FMT-5.4) and interruption (CLI-8) escape.
 */
async function timedRun(
  impl: Implementation,
  c: LossCase,
): Promise<{ result: CaseResult | ImplementationFault; ns: number }> {
  let result: CaseResult | ImplementationFault | undefined;
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (runs < MAX_TIMED_RUNS && (runs === 0 || elapsed < MIN_TIMED_NS) && !(result instanceof ImplementationFault)) {
    try {
      result = await runDecodedCase(impl, c);
    } catch (e) {
      if (!(e instanceof ImplementationFault)) throw e;
      result = e;
    }
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
  const want = expected.values.loss;
  const { dtype } = expected.case;
  const nothing = (why: Pick<StabilityPoint, 'rejected' | 'fault'>): Measured => ({
    kind: 'point',
    point: { ...summary(x, Array<number>(want.length).fill(FORMATS[dtype].width), 0, ns), ...why },
  });
  if (result instanceof ImplementationFault) return nothing({ fault: result.message });
  if ('unsupported' in result) return { kind: 'unsupported', reason: result.unsupported };
  if ('error' in result) return nothing({ rejected: result.error });
  if (!result.loss) return nothing({ fault: 'the result has no loss (FMT-3)' });
  const { bits, nonFinite } = lossErrors(result.loss, want, dtype);
  return { kind: 'point', point: summary(x, bits, nonFinite, ns) };
}
