/**
 * The worst counterexample of a failure (spec/formats.md#REP-10.1): a targeted search over the
 * check's own inputs, from its shrunk counterexample, as `hunt` searches (CHK-7.2), where only
 * failing inputs of the same kind count and the worst is the one whose failing value errs by the
 * most bits (TOL-2).
 */
import fc from 'fast-check';
import type { CaseJson, CheckContext, Judgement, PropertyCheck } from '../../properties/families/family.js';
import { GaveUpError, ImplementationFault } from '../case/errors.js';
import type { Dtype } from '../case/types.js';
import { mutate } from '../hunt/mutate.js';
import { hunt, type SearchSpace } from '../hunt/search.js';
import { FORMATS } from '../numeric/dtype.js';
import type { CheckResult, WorstCounterexample } from '../report/types.js';
import type { FailureKind } from '../verdict/kinds.js';
import type { LevelName } from '../verdict/levels.js';
import { resultFacts } from './failureFacts.js';

/** Evaluations per failure when `--worst-budget` is not given (REP-10.1). */
export const DEFAULT_WORST_BUDGET = 50;
/** Values of the largest case searched: each evaluation certifies its case (a 131072-class row is not searched). */
export const WORST_MAX_VALUES = 4096;

type Failing = Judgement & { readonly status: 'fail' };

const widthOf = (json: CaseJson): number => FORMATS[(json.dtype as Dtype | undefined) ?? 'float64'].width;

/**
 * Whether REP-10.1 searches a failure: a value beyond the level or non-finite, not yet as bad as
 * an answer can be (the dtype's width), of a counterexample that is the check's whole input and
 * holds at most WORST_MAX_VALUES values.
 */
export function searchable(r: CheckResult): boolean {
  const json = r.counterexample;
  const input = json?.input;
  if (r.status !== 'fail' || r.input !== undefined || !json || !Array.isArray(input)) return false;
  const valued = r.kind === 'beyond-level' || r.kind === 'non-finite';
  return valued && r.bits !== undefined && r.bits < widthOf(json) && input.length <= WORST_MAX_VALUES;
}

/**
 * The check's inputs around its failure: mutations of its case, only failures of its kind
 * counted, each judgement kept; a fault of the implementation ends the search (FMT-5.3: the
 * search must not spend the run's faults).
 */
function failureSpace(check: PropertyCheck<unknown>, ctx: CheckContext, minimal: CaseJson, kind: FailureKind) {
  const width = widthOf(minimal);
  const judged = new Map<CaseJson, Failing>();
  const faulted = new AbortController();
  const space: SearchSpace<CaseJson> = {
    start: () => fc.constant(minimal),
    mutate,
    async score(input) {
      let j: Judgement;
      try {
        j = await check.judge(input, ctx);
      } catch (e) {
        if (!(e instanceof ImplementationFault)) throw e;
        faulted.abort();
        return undefined;
      }
      if (j.status !== 'fail' || j.kind !== kind) return undefined;
      judged.set(input, j);
      return { input, worst: { score: j.bits ?? width, width, message: j.message } };
    },
  };
  return { space, judged, faulted: faulted.signal };
}

/** The worst failing input found within `budget` evaluations from the run's seed; undefined when interrupted. */
export async function searchWorst(
  check: PropertyCheck<unknown>,
  ctx: CheckContext,
  minimal: { readonly counterexample: CaseJson; readonly kind: FailureKind },
  o: { readonly seed: number; readonly budget: number; readonly level: LevelName; readonly signal?: AbortSignal },
): Promise<WorstCounterexample | undefined> {
  const { space, judged, faulted } = failureSpace(check, ctx, minimal.counterexample, minimal.kind);
  const signal = o.signal ? AbortSignal.any([o.signal, faulted]) : faulted;
  const found = await hunt({ ctx, islands: [check], seed: o.seed, evaluations: o.budget, space, signal });
  const best = found.worst?.best;
  const j = best && judged.get(best.input);
  if (!j || o.signal?.aborted || found.stopped instanceof GaveUpError) return undefined;
  const { message, kind, ulps, bits, value } = j;
  const facts = resultFacts({ counterexample: best.input, value, kind, bits }, o.level);
  return {
    counterexample: best.input,
    message,
    kind,
    ...(ulps !== undefined && { ulps }),
    ...(bits !== undefined && { bits }),
    ...(value && { value }),
    ...facts,
    evaluations: found.evaluations,
  };
}
