/**
 * The worst counterexample of a failure (spec/formats.md#REP-10.1): a targeted search over the
 * check's own inputs, from its shrunk counterexample, as `hunt` searches (CHK-7.2), where only
 * failing inputs of the same kind count and the worst is the one whose failing value (or
 * relation) errs by the most bits (TOL-2); and, where there is none, why (REP-10.4).
 */
import fc from 'fast-check';
import type { CaseJson, CheckContext, Judgement, PropertyCheck } from '../../properties/families/family.js';
import { InvalidRelatedCase } from '../../properties/families/invariants/answers.js';
import { GaveUpError, ImplementationFault } from '../case/errors.js';
import type { Dtype } from '../case/types.js';
import { mutate, mutateValues } from '../hunt/mutate.js';
import type { Rng } from '../hunt/random.js';
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
/** Tries at a mutation a relation can be formed at, before a child is its parent again. */
const TRIES = 4;

/** What REP-10 gives a failure: its worst counterexample, or why its minimal is all there is (REP-10.4). */
export type WorstOutcome = { readonly worst: WorstCounterexample } | { readonly noWorst: string };

type Failing = Judgement & { readonly status: 'fail' };

const widthOf = (json: CaseJson): number => FORMATS[(json.dtype as Dtype | undefined) ?? 'float64'].width;

/** REP-10.4: why a failure of this kind or size has no worse input than its minimal. */
function noneWorse(r: CheckResult, json: CaseJson): string | undefined {
  if (r.kind === 'fault')
    return 'not searched: a fault (FMT-5.3) is no answer to improve on, and each try could cost a timeout';
  if (r.kind !== 'beyond-level' && r.kind !== 'non-finite')
    return `none worse: a failure of kind ${r.kind} (REP-7) has no size in bits, so no counterexample is worse than the minimal`;
  const width = widthOf(json);
  if (r.bits === undefined || r.bits >= width) {
    const what = r.kind === 'non-finite' ? 'NaN or ±∞ where the exact value is finite' : 'an error of every bit';
    return `none worse: ${what} is as far as an answer can be (${width} bits in ${String(json.dtype ?? 'float64')})`;
  }
  return undefined;
}

/** Why REP-10.1 does not search a failure (REP-10.4), or undefined when it does. */
export function whyNotSearched(r: CheckResult, check: PropertyCheck<unknown>): string | undefined {
  const json = r.counterexample;
  if (r.status !== 'fail' || !json) return undefined;
  const none = noneWorse(r, json);
  if (none) return none;
  const values = Array.isArray(json.input) ? json.input.length : 0;
  if (values > WORST_MAX_VALUES)
    return `not searched: the case holds ${values} input values, more than the ${WORST_MAX_VALUES} a search certifies at each step`;
  if (r.input !== undefined && !check.inputAt)
    return "not searched: the check's input holds more than its case (a relation's other cases, a bad input's mutation), not formed from the case alone";
  return undefined;
}

/** A child of a check's input: its case mutated as `hunt` does, a relation formed again at the new case. */
function childOf(check: PropertyCheck<unknown>): (input: unknown, r: Rng) => unknown {
  const inputAt = check.inputAt;
  if (!inputAt) return (input, r) => mutate(input as CaseJson, r);
  return (input, r) => {
    for (let attempt = 0; attempt < TRIES; attempt++) {
      const moved = inputAt(input, mutateValues(check.caseOf(input), r));
      if (moved !== undefined) return moved;
    }
    return input;
  };
}

/**
 * The check's inputs around its failure: mutations of its input, only failures of its kind
 * counted, each judgement kept; a fault of the implementation ends the search (FMT-5.3: the
 * search must not spend the run's faults).
 */
function failureSpace(check: PropertyCheck<unknown>, ctx: CheckContext, minimal: unknown, kind: FailureKind) {
  const width = widthOf(check.caseOf(minimal));
  const judged = new Map<unknown, Failing>();
  const faulted = new AbortController();
  const space: SearchSpace<unknown> = {
    start: () => fc.constant(minimal),
    mutate: childOf(check),
    async score(input) {
      let j: Judgement;
      try {
        j = await check.judge(input, ctx);
      } catch (e) {
        if (e instanceof InvalidRelatedCase) return undefined; // moved outside the relation's domain
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
  minimal: { readonly input: unknown; readonly kind: FailureKind },
  o: { readonly seed: number; readonly budget: number; readonly level: LevelName; readonly signal?: AbortSignal },
): Promise<WorstOutcome | undefined> {
  const { space, judged, faulted } = failureSpace(check, ctx, minimal.input, minimal.kind);
  const signal = o.signal ? AbortSignal.any([o.signal, faulted]) : faulted;
  const found = await hunt({ ctx, islands: [check], seed: o.seed, evaluations: o.budget, space, signal });
  if (o.signal?.aborted || found.stopped instanceof GaveUpError) return undefined;
  const best = found.worst?.best;
  const j = best && judged.get(best.input);
  if (!best || !j)
    return {
      noWorst: faulted.aborted
        ? 'not found: the search stopped at a fault of the implementation (FMT-5.3)'
        : 'not found: no input of the search failed as the minimal did',
    };
  const counterexample = check.caseOf(best.input);
  const input = counterexample === best.input ? undefined : best.input;
  const { message, kind, ulps, bits, value } = j;
  const facts = resultFacts({ counterexample, input, value, kind, bits }, o.level);
  const worst = {
    counterexample,
    ...(input !== undefined && { input }),
    message,
    kind,
    ...(ulps !== undefined && { ulps }),
    ...(bits !== undefined && { bits }),
    ...(value && { value }),
    ...facts,
    evaluations: found.evaluations,
  };
  return { worst };
}
