/**
 * The hunt's islands as separate tasks (spec/formats.md#CHK-7.2, CHK-10): each island searches on
 * its own stream of randomness with its own share of the budget, so that islands can run on any
 * worker in any order and the same seed and evaluations still visit the same cases.
 */
import type { CheckContext, PropertyCheck } from '../../properties/families/family.js';
import { GaveUpError, InterruptedError } from '../case/errors.js';
import type { CaseJson } from './genome.js';
import type { Scored } from './score.js';
import { caseSpace, hunt, type HuntResult, type IslandBest } from './search.js';

/**
 * A hunt's budget: evaluations (reproducible), shared out over the islands or one count per
 * island; or seconds of wall time.
 */
export type HuntBudget = { readonly evaluations: number | readonly number[] } | { readonly seconds: number };

/** An island's share of `total` evaluations: the first islands take the remainder. */
const shareOf = (total: number, islands: number, island: number): number =>
  Math.floor(total / islands) + (island < total % islands ? 1 : 0);

/** One island's search: which check, its seed and its share of the budget. */
export interface IslandTask {
  readonly island: number;
  readonly seed: number;
  readonly budget: { readonly evaluations: number } | { readonly seconds: number };
}

/** What an island found, as plain data (it crosses threads). */
export interface IslandAnswer {
  readonly best?: Scored<CaseJson> | undefined;
  readonly evaluations: number;
  /** Why the island ended before its budget: the implementation given up on, or an interruption. */
  readonly stopped?: { readonly kind: 'gaveUp' | 'interrupted'; readonly message: string } | undefined;
}

/**
 * Island i's seed: the run's seed moved along Mulberry32's stream (random.ts) by a multiple of
 * the golden ratio, so island 0 searches as a one-island hunt of the same seed does.
 */
export const islandSeed = (seed: number, island: number): number => (seed + Math.imul(island, 0x9e3779b9)) >>> 0;

/**
 * Every island's task: evaluations shared out evenly (the first islands take the remainder); a
 * time budget shared so that the islands, `workers` at a time, end together at about `seconds`.
 */
export function islandTasks(seed: number, islands: number, budget: HuntBudget, workers: number): IslandTask[] {
  return Array.from({ length: islands }, (_, island) => {
    const share: IslandTask['budget'] = !('evaluations' in budget)
      ? { seconds: (budget.seconds * Math.min(workers, islands)) / islands }
      : typeof budget.evaluations === 'number'
        ? { evaluations: shareOf(budget.evaluations, islands, island) }
        : { evaluations: budget.evaluations[island]! };
    return { island, seed: islandSeed(seed, island), budget: share };
  });
}

/**
 * The `--evaluations` that repeats a hunt whose islands made `counts` evaluations: their total
 * when that is how the total is shared out, else the count of each island.
 */
export function evaluationsArgument(counts: readonly number[]): string {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.every((n, i) => n === shareOf(total, counts.length, i)) ? String(total) : counts.join(',');
}

/** One island's search in this thread, its simplification left to the whole hunt (CHK-7.3). */
export async function huntIsland(
  ctx: CheckContext,
  check: PropertyCheck<unknown>,
  task: IslandTask,
  signal?: AbortSignal,
): Promise<IslandAnswer> {
  const space = { ...caseSpace(ctx), simplify: undefined };
  if ('evaluations' in task.budget && task.budget.evaluations === 0) return { evaluations: 0 };
  const found = await hunt({ ctx, islands: [check], seed: task.seed, ...task.budget, space, signal });
  const stopped = found.stopped && {
    kind: found.stopped instanceof InterruptedError ? ('interrupted' as const) : ('gaveUp' as const),
    message: found.stopped.message,
  };
  return { best: found.islands[0]?.best, evaluations: found.evaluations, ...(stopped && { stopped }) };
}

/**
 * The hunt's result from its islands' answers (in the islands' order; an island not run has
 * none): the worst is the first of the highest score; the first island stopped says why.
 */
export function huntResult(
  checks: readonly PropertyCheck<unknown>[],
  answers: readonly (IslandAnswer | undefined)[],
  seconds: number,
  signal?: AbortSignal,
): HuntResult {
  const islands: IslandBest[] = checks.map((check, i) => ({ check, best: answers[i]?.best }));
  const score = (b: IslandBest | undefined) => b?.best?.worst.score ?? -Infinity;
  const worst = islands.reduce<IslandBest | undefined>((w, i) => (score(i) > score(w) ? i : w), undefined);
  const why = answers.find((a) => a?.stopped)?.stopped;
  const stopped =
    why === undefined
      ? undefined
      : why.kind === 'interrupted'
        ? InterruptedError.from(signal)
        : new GaveUpError(why.message);
  const evaluations = answers.reduce((total, a) => total + (a?.evaluations ?? 0), 0);
  return { islands, worst, evaluations, seconds, ...(stopped && { stopped }) };
}
