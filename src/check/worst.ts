/**
 * The worst counterexample of a failure (spec/formats.md#REP-10): a targeted search over the
 * check's own inputs, from its shrunk counterexample, as `hunt` searches (CHK-7.2), where only
 * failing inputs count and the worst is the one whose failing value errs by the most bits (TOL-2).
 */
import fc from 'fast-check';
import type { CaseJson, CheckContext, Judgement, PropertyCheck } from '../../properties/families/family.js';
import { ImplementationFault } from '../case/errors.js';
import type { Dtype } from '../case/types.js';
import { mutate } from '../hunt/mutate.js';
import { hunt, type SearchSpace } from '../hunt/search.js';
import type { Scored } from '../hunt/score.js';
import { FORMATS } from '../numeric/dtype.js';
import type { CheckResult, WorstCounterexample } from '../report/types.js';
import type { FailureKind } from '../verdict/kinds.js';
import type { LevelName } from '../verdict/levels.js';
import { resultFacts } from './failureFacts.js';

/** Evaluations per failure when `--worst-budget` is not given (REP-10). */
export const DEFAULT_WORST_BUDGET = 100;
/** Values of the largest case searched: each evaluation certifies its case (a 131072-class row is not searched). */
export const WORST_MAX_VALUES = 4096;

type Failing = Judgement & { readonly status: 'fail' };

/** A failing judgement's score: its value's bits, or the dtype's width for a failure with no value. */
const scoreOf = (j: Failing, width: number): number => j.bits ?? width;

/** The check's inputs around its failure: mutations of its case, only failures of its kind counted (REP-10). */
function failureSpace(
  check: PropertyCheck<unknown>,
  ctx: CheckContext,
  minimal: CaseJson,
  kind: FailureKind,
): SearchSpace<CaseJson> {
  const width = FORMATS[((minimal.dtype as Dtype | undefined) ?? 'float64') as Dtype].width;
  return {
    start: () => fc.constant(minimal),
    mutate,
    async score(input): Promise<Scored<CaseJson> | undefined> {
      let j: Judgement;
      try {
        j = await check.judge(input, ctx);
      } catch (e) {
        // An input the implementation faults on is another failure (FMT-5.3), not a worse value.
        if (e instanceof ImplementationFault) return undefined;
        throw e;
      }
      if (j.status !== 'fail' || j.kind !== kind) return undefined;
      return { input, worst: { score: scoreOf(j, width), width, message: j.message } };
    },
  };
}

/** Whether REP-10 searches a failure: not a fault, its input is its case, of at most WORST_MAX_VALUES values. */
export function searchable(r: CheckResult): boolean {
  const input = r.counterexample?.input;
  const small = Array.isArray(input) && input.length <= WORST_MAX_VALUES;
  return r.status === 'fail' && r.kind !== undefined && r.kind !== 'fault' && r.input === undefined && small;
}

/** The worst failing input found within `budget` evaluations from the run's seed; undefined when none fails. */
export async function searchWorst(
  check: PropertyCheck<unknown>,
  ctx: CheckContext,
  minimal: { readonly counterexample: CaseJson; readonly kind: FailureKind },
  o: {
    readonly seed: number;
    readonly budget: number;
    readonly level: LevelName;
    readonly signal?: AbortSignal | undefined;
  },
): Promise<WorstCounterexample | undefined> {
  const space = failureSpace(check, ctx, minimal.counterexample, minimal.kind);
  const found = await hunt({ ctx, islands: [check], seed: o.seed, evaluations: o.budget, space, signal: o.signal });
  const best = found.worst?.best;
  if (!best || found.stopped) return undefined;
  // Judged again (not counted) for its whole judgement: the search keeps only scores.
  const j = await check.judge(best.input, ctx);
  if (j.status !== 'fail' || j.kind !== minimal.kind) return undefined;
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
