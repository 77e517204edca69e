/**
 * `check --mode gate|explore` (spec/formats.md#CI-1): one recipe, two uses. The gate checks the
 * same inputs every run — a fixed seed and the committed corpus, which it never writes — so that
 * a red run means a change; exploration draws fresh seeds and more runs and writes each new
 * counterexample into the corpus, for a human to commit and the gate to check from then on.
 */
import { readdirSync } from 'node:fs';
import { UsageError } from '../case/errors.js';
import { DEFAULT_RUNS } from '../check/run.js';

export const MODES = ['gate', 'explore'] as const;
export type Mode = (typeof MODES)[number];

/** The gate's seed when none is given. */
export const GATE_SEED = 0;
/** Exploration's runs per property when none are given. */
export const EXPLORE_RUNS = 200;
/** The corpus both modes use when none is given, committed in the project under test. */
export const DEFAULT_CORPUS = '.losscheck/corpus';

export interface RunInputs {
  readonly seed: number;
  readonly runs: number;
  /** The corpus replayed first (CHK-3). */
  readonly corpus: string | undefined;
  /** Where new counterexamples are written: never by the gate. */
  readonly saveTo: string | undefined;
}

export function parseMode(value: string | undefined): Mode | undefined {
  if (value === undefined || (MODES as readonly string[]).includes(value)) return value as Mode | undefined;
  throw new UsageError(`--mode takes ${MODES.join(' or ')}, got "${value}" (CI-1)`);
}

/** The seed, runs and corpus of a run: those given, else the mode's defaults (without a mode, CHK-1's). */
export function runInputs(
  mode: Mode | undefined,
  given: { seed?: number | undefined; runs?: number | undefined; corpus?: string | undefined },
  clock: () => number = Date.now,
): RunInputs {
  const seed = given.seed ?? (mode === 'gate' ? GATE_SEED : clock() % 2 ** 31);
  const runs = given.runs ?? (mode === 'explore' ? EXPLORE_RUNS : DEFAULT_RUNS);
  const corpus = given.corpus ?? (mode === undefined ? undefined : DEFAULT_CORPUS);
  return { seed, runs, corpus, saveTo: mode === 'gate' ? undefined : corpus };
}

/** The corpus's files now, to tell the new ones after a run. */
export function corpusFiles(dir: string): Set<string> {
  try {
    return new Set(readdirSync(dir).filter((n) => n.endsWith('.json')));
  } catch {
    return new Set(); // a corpus not yet made holds nothing
  }
}
