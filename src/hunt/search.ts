/**
 * The hunt (spec/formats.md#CHK-7.2): a targeted search for the case on which an implementation
 * errs most, which fast-check's sampling does not do. One island per agreement check, each a
 * (1 + λ) evolution with restarts; islands take turns until the budget runs out.
 */
import fc from 'fast-check';
import type { CheckContext, PropertyCheck } from '../../properties/families/family.js';
import { GaveUpError, InterruptedError } from '../case/errors.js';
import { FORMATS } from '../numeric/dtype.js';
import type { CaseJson } from './genome.js';
import { mutate } from './mutate.js';
import { createRng, type Rng } from './random.js';
import { scoreCase, type Scored } from './score.js';
import { simplify } from './simplify.js';

/** Children per generation: a few, so that one lucky mutation is found without many evaluations. */
const LAMBDA = 4;
/** Generations without improvement before an island starts again from a new case. */
const PATIENCE = 15;

export interface HuntOptions {
  readonly ctx: CheckContext;
  /** The agreement checks to hunt in: their arbitraries give the starting cases. */
  readonly islands: readonly PropertyCheck<unknown>[];
  readonly seed: number;
  readonly seconds?: number | undefined;
  readonly evaluations?: number | undefined;
  /** Where an island's starting cases come from. @defaultValue the check's arbitrary */
  readonly start?: ((check: PropertyCheck<unknown>) => fc.Arbitrary<CaseJson>) | undefined;
  /** Called after every generation. */
  readonly onProgress?: ((progress: HuntProgress) => void) | undefined;
  /** Ends the search early (CLI-8): the worst case so far is the result. */
  readonly signal?: AbortSignal | undefined;
}

export interface HuntProgress {
  readonly evaluations: number;
  readonly seconds: number;
  readonly best?: IslandBest | undefined;
}

export interface IslandBest {
  readonly check: PropertyCheck<unknown>;
  readonly best?: Scored | undefined;
}

export interface HuntResult {
  /** Every island's best case, in the islands' order. */
  readonly islands: readonly IslandBest[];
  /** The worst case of all. */
  readonly worst?: IslandBest | undefined;
  readonly evaluations: number;
  readonly seconds: number;
  /** Why the search ended before its budget: interrupted, or the implementation given up on (FMT-5.4). */
  readonly stopped?: GaveUpError | InterruptedError | undefined;
}

interface Island {
  readonly check: PropertyCheck<unknown>;
  parent?: Scored | undefined;
  best?: Scored | undefined;
  stagnant: number;
}

const scoreOf = (s: Scored | undefined): number => s?.worst.score ?? -Infinity;

/** Whether an island's best is already the worst an answer can be (the dtype's width). */
function exhausted(island: Island): boolean {
  const dtype = (island.best?.json.dtype as keyof typeof FORMATS | undefined) ?? 'float64';
  return scoreOf(island.best) >= FORMATS[dtype].width;
}

/** Hunt; the same seed and number of evaluations visit the same cases. */
export async function hunt(o: HuntOptions): Promise<HuntResult> {
  const started = performance.now();
  const r = createRng(o.seed);
  const islands: Island[] = o.islands.map((check) => ({ check, stagnant: 0 }));
  let evaluations = 0;
  const seconds = () => (performance.now() - started) / 1000;
  const spent = () =>
    o.signal?.aborted === true ||
    (o.evaluations !== undefined && evaluations >= o.evaluations) ||
    (o.seconds !== undefined && seconds() >= o.seconds);
  const evaluate = async (json: CaseJson) => {
    evaluations++;
    return scoreCase(json, o.ctx);
  };
  const start = (check: PropertyCheck<unknown>): CaseJson => {
    const arbitrary = o.start?.(check) ?? check.arbitrary.map((input) => check.caseOf(input));
    return fc.sample(arbitrary, { seed: r.int(2 ** 31), numRuns: 1 })[0]!;
  };
  const worst = () =>
    islands.reduce<Island | undefined>((w, i) => (scoreOf(i.best) > scoreOf(w?.best) ? i : w), undefined);
  let stopped: GaveUpError | InterruptedError | undefined;
  try {
    while (!spent() && islands.some((i) => !exhausted(i))) {
      for (const island of islands) {
        if (spent()) break;
        if (exhausted(island)) continue;
        await generation(island, r, start, evaluate, spent);
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
  const simplest = w?.best && !stopped ? await simplify(w.best, (json) => scoreCase(json, o.ctx)) : w?.best;
  return {
    islands: results,
    worst: w && { check: w.check, best: simplest },
    evaluations,
    seconds: seconds(),
    ...(stopped && { stopped }),
  };
}

/** One generation: a restart when there is no parent or it stagnates, else λ children. */
async function generation(
  island: Island,
  r: Rng,
  start: (check: PropertyCheck<unknown>) => CaseJson,
  evaluate: (json: CaseJson) => Promise<Scored | undefined>,
  spent: () => boolean,
): Promise<void> {
  if (!island.parent || island.stagnant >= PATIENCE) {
    island.parent = await evaluate(start(island.check));
    island.stagnant = 0;
  } else {
    let child: Scored | undefined;
    for (let k = 0; k < LAMBDA && !spent(); k++) {
      const candidate = await evaluate(mutate(island.parent.json, r));
      if (scoreOf(candidate) > scoreOf(child)) child = candidate;
    }
    island.stagnant = scoreOf(child) > scoreOf(island.parent) ? 0 : island.stagnant + 1;
    // Equal scores move too: a plateau is crossed by drifting on it.
    if (child && scoreOf(child) >= scoreOf(island.parent)) island.parent = child;
  }
  if (scoreOf(island.parent) > scoreOf(island.best)) island.best = island.parent;
}
