/**
 * The hunt (spec/formats.md#CHK-7.2): a targeted search for the case on which an implementation
 * errs most, which fast-check's sampling does not do. One island per agreement check, each a
 * (1 + λ) evolution with restarts; islands take turns until the budget runs out.
 */
import fc from 'fast-check';
import type { CheckContext, PropertyCheck } from '../../properties/families/family.js';
import { GaveUpError, InterruptedError } from '../case/errors.js';
import type { CaseJson } from './genome.js';
import { mutate } from './mutate.js';
import { createRng, type Rng } from './random.js';
import { scoreCase, type Scored } from './score.js';
import { simplify } from './simplify.js';

/** Children per generation: a few, so that one lucky mutation is found without many evaluations. */
const LAMBDA = 4;
/** Generations without improvement before an island starts again from a new case. */
const PATIENCE = 15;

/**
 * What the search moves through: where an island starts, how a child differs from its parent, how
 * bad an input is, and how the worst is made simpler. The hunt's own is the space of cases
 * (`caseSpace`); the report's worst counterexamples search a check's own inputs (REP-10, src/check/worst.ts).
 */
export interface SearchSpace<I> {
  /** An island's starting inputs. */
  start(check: PropertyCheck<unknown>): fc.Arbitrary<I>;
  mutate(input: I, r: Rng): I;
  /** Undefined for an input that does not count (invalid, declined, or, for REP-10, not a failure of the kind searched). */
  score(input: I): Promise<Scored<I> | undefined>;
  /** The worst made simpler while it scores as high (evaluations not counted). */
  simplify?(best: Scored<I>): Promise<Scored<I>>;
}

/** CHK-7.2's space: cases of the check's arbitrary, mutated, scored by CHK-7.1, simplified (CHK-7.3). */
export function caseSpace(ctx: CheckContext): SearchSpace<CaseJson> {
  const score = (json: CaseJson) => scoreCase(json, ctx);
  return {
    start: (check) => check.arbitrary.map((input) => check.caseOf(input)),
    mutate,
    score,
    simplify: (best) => simplify(best, score),
  };
}

export interface HuntOptions<I = CaseJson> {
  readonly ctx: CheckContext;
  /** The checks to hunt in, one island each: their arbitraries give the starting inputs. */
  readonly islands: readonly PropertyCheck<unknown>[];
  readonly seed: number;
  readonly seconds?: number | undefined;
  readonly evaluations?: number | undefined;
  /** What is searched. @defaultValue caseSpace(ctx) */
  readonly space?: SearchSpace<I> | undefined;
  /** Called after every generation. */
  readonly onProgress?: ((progress: HuntProgress<I>) => void) | undefined;
  /** Ends the search early (CLI-8): the worst case so far is the result. */
  readonly signal?: AbortSignal | undefined;
}

export interface HuntProgress<I = CaseJson> {
  readonly evaluations: number;
  readonly seconds: number;
  readonly best?: IslandBest<I> | undefined;
}

export interface IslandBest<I = CaseJson> {
  readonly check: PropertyCheck<unknown>;
  readonly best?: Scored<I> | undefined;
}

export interface HuntResult<I = CaseJson> {
  /** Every island's best case, in the islands' order. */
  readonly islands: readonly IslandBest<I>[];
  /** The worst case of all. */
  readonly worst?: IslandBest<I> | undefined;
  readonly evaluations: number;
  readonly seconds: number;
  /** Why the search ended before its budget: interrupted, or the implementation given up on (FMT-5.4). */
  readonly stopped?: GaveUpError | InterruptedError | undefined;
}

interface Island<I> {
  readonly check: PropertyCheck<unknown>;
  parent?: Scored<I> | undefined;
  best?: Scored<I> | undefined;
  stagnant: number;
}

const scoreOf = <I>(s: Scored<I> | undefined): number => s?.worst.score ?? -Infinity;

/** Whether an island's best is already the worst an answer can be (the dtype's width). */
function exhausted<I>(island: Island<I>): boolean {
  return scoreOf(island.best) >= (island.best?.worst.width ?? Infinity);
}

/** Hunt; the same seed and number of evaluations visit the same inputs. */
export async function hunt<I = CaseJson>(o: HuntOptions<I>): Promise<HuntResult<I>> {
  const started = performance.now();
  const r = createRng(o.seed);
  const space = o.space ?? (caseSpace(o.ctx) as unknown as SearchSpace<I>);
  const islands: Island<I>[] = o.islands.map((check) => ({ check, stagnant: 0 }));
  let evaluations = 0;
  const seconds = () => (performance.now() - started) / 1000;
  const spent = () =>
    o.signal?.aborted === true ||
    (o.evaluations !== undefined && evaluations >= o.evaluations) ||
    (o.seconds !== undefined && seconds() >= o.seconds);
  const evaluate = async (input: I) => {
    evaluations++;
    return space.score(input);
  };
  const start = (check: PropertyCheck<unknown>): I =>
    fc.sample(space.start(check), { seed: r.int(2 ** 31), numRuns: 1 })[0]!;
  const worst = () =>
    islands.reduce<Island<I> | undefined>((w, i) => (scoreOf(i.best) > scoreOf(w?.best) ? i : w), undefined);
  let stopped: GaveUpError | InterruptedError | undefined;
  try {
    while (!spent() && islands.some((i) => !exhausted(i))) {
      for (const island of islands) {
        if (spent()) break;
        if (exhausted(island)) continue;
        await generation(island, r, { start, mutate: space.mutate, evaluate }, spent);
        o.onProgress?.({ evaluations, seconds: seconds(), best: worst() });
      }
    }
    if (o.signal?.aborted) stopped = InterruptedError.from(o.signal);
  } catch (e) {
    if (!(e instanceof GaveUpError || e instanceof InterruptedError)) throw e;
    stopped = e;
  }
  const results = islands.map(({ check, best }) => ({ check, best }));
  const w = worst();
  // Not counted: the same seed and evaluations must search the same cases (CHK-7.2). Not tried
  // when the search was stopped: the implementation is not there any more.
  const simplest = w?.best && !stopped && space.simplify ? await space.simplify(w.best) : w?.best;
  return {
    islands: results,
    worst: w && { check: w.check, best: simplest },
    evaluations,
    seconds: seconds(),
    ...(stopped && { stopped }),
  };
}

interface Moves<I> {
  start(check: PropertyCheck<unknown>): I;
  mutate(input: I, r: Rng): I;
  evaluate(input: I): Promise<Scored<I> | undefined>;
}

/** One generation: a restart when there is no parent or it stagnates, else λ children. */
async function generation<I>(island: Island<I>, r: Rng, moves: Moves<I>, spent: () => boolean): Promise<void> {
  if (!island.parent || island.stagnant >= PATIENCE) {
    island.parent = await moves.evaluate(moves.start(island.check));
    island.stagnant = 0;
  } else {
    let child: Scored<I> | undefined;
    for (let k = 0; k < LAMBDA && !spent(); k++) {
      const candidate = await moves.evaluate(moves.mutate(island.parent.input, r));
      if (scoreOf(candidate) > scoreOf(child)) child = candidate;
    }
    island.stagnant = scoreOf(child) > scoreOf(island.parent) ? 0 : island.stagnant + 1;
    // Equal scores move too: a plateau is crossed by drifting on it.
    if (child && scoreOf(child) >= scoreOf(island.parent)) island.parent = child;
  }
  if (scoreOf(island.parent) > scoreOf(island.best)) island.best = island.parent;
}
