/**
 * `losscheck hunt` (spec/formats.md#CHK-7): arguments, progress on stderr, the worst case found,
 * its verdict under the level, and its place in the corpus.
 */
import cliProgress from 'cli-progress';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { IMPL_FORMS } from '../adapters/registry.js';
import type { CheckContext, Judgement, PropertyCheck } from '../../properties/families/family.js';
import { UsageError } from '../case/errors.js';
import { DTYPES, LOSSES, PROFILES, type Dtype, type LossName, type ProfileName } from '../case/types.js';
import { createReferenceEngine } from '../reference/engines.js';
import type { CheckResult } from '../report/types.js';
import { selectChecks } from '../check/plan.js';
import { InterruptedError } from '../case/errors.js';
import { checkWritable } from '../report/write.js';
import { INTERRUPTED_EXIT, interruptible } from './lifetime.js';
import {
  parseLevel,
  parseList,
  positiveInteger,
  positiveNumber,
  timeoutOption,
  withImplementation,
  workersOption,
} from './options.js';
import { saveFailure } from '../check/corpus.js';
import { expectations } from '../check/expectations.js';
import {
  evaluationsArgument,
  huntIsland,
  huntResult,
  islandTasks,
  type IslandAnswer,
  type IslandTask,
} from '../hunt/islands.js';
import { huntOnPool } from '../hunt/pool.js';
import { scoreCase } from '../hunt/score.js';
import type { HuntResult, IslandBest } from '../hunt/search.js';
import { simplify } from '../hunt/simplify.js';
import { formatHunt } from '../hunt/text.js';
import { DEFAULT_LEVEL } from '../verdict/levels.js';

export interface HuntCommandOptions {
  readonly impl: string;
  readonly seconds?: number | undefined;
  /** A total shared out over the islands, or one count per island (CHK-7.2). */
  readonly evaluations?: number | readonly number[] | undefined;
  readonly loss?: string | undefined;
  readonly dtype?: string | undefined;
  readonly profile: string;
  readonly level: string;
  readonly corpus: string;
  readonly seed?: number | undefined;
  readonly timeoutMs?: number | undefined;
  /** Threads the islands are searched on (CHK-10); 1: this thread. */
  readonly workers: number;
}

interface Progress {
  readonly tick: (answer: IslandAnswer) => void;
  readonly stop: () => void;
}

/** `--evaluations N` (a total) or `N,N,...` (one count per island, as a hunt's reproduce line gives them). */
function evaluationsOption(value: string): number | number[] {
  const counts = value.split(',').map(positiveInteger('--evaluations'));
  return counts.length === 1 ? counts[0]! : counts;
}

/** A bar over the islands searched with the worst score so far; on a terminal only. */
function progress(islands: number): Progress {
  if (!process.stderr.isTTY) return { tick: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'hunting {bar} {value}/{total} islands, worst {bits} bits',
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(islands, 0, { bits: '-' });
  let worst = -Infinity;
  return {
    tick: (answer) => {
      worst = Math.max(worst, answer.best?.worst.score ?? -Infinity);
      bar.increment(1, { bits: Number.isFinite(worst) ? worst.toFixed(1) : '-' });
    },
    stop: () => bar.stop(),
  };
}

/**
 * The worst case as a corpus entry (CHK-3), named after its agreement check so that replay finds
 * it; not judged when the hunt was stopped (CLI-8, FMT-5.4).
 */
function asResult(found: IslandBest, judgement: Judgement | undefined, seed: number, evaluations: string): CheckResult {
  const { check, best } = found;
  const message = judgement?.status === 'fail' ? judgement.message : best!.worst.message;
  return {
    check: check.id,
    family: check.family,
    clauses: check.clauses,
    status: judgement?.status ?? 'notrun',
    runs: 1,
    skipped: 0,
    counterexample: best!.input,
    seed,
    message: `${message} (found by losscheck hunt --seed ${seed} --evaluations ${evaluations}: ${best!.worst.score.toFixed(1)} bits, CHK-7.1)`,
    seconds: 0,
  };
}

interface Hunted {
  readonly result: HuntResult;
  /** The `--evaluations` that repeats the hunt. */
  readonly evaluations: string;
  readonly judgement?: Judgement;
}

/** Every island in this thread, in order, until one is stopped (CLI-8, FMT-5.4). */
async function islandsHere(
  ctx: CheckContext,
  islands: readonly PropertyCheck<unknown>[],
  tasks: readonly IslandTask[],
  onAnswer: (answer: IslandAnswer) => void,
  signal: AbortSignal,
): Promise<IslandAnswer[]> {
  const answers: IslandAnswer[] = [];
  for (const task of tasks) {
    const answer = await huntIsland(ctx, islands[task.island]!, task, signal);
    answers.push(answer);
    onAnswer(answer);
    if (answer.stopped) break;
  }
  return answers;
}

/** Run the hunt over the agreement checks of the scope, its islands on `--workers` threads (CHK-10). */
async function runHunt(o: HuntCommandOptions, ctx: CheckContext, seed: number, signal: AbortSignal): Promise<Hunted> {
  const started = performance.now();
  const profile = parseList<ProfileName>(o.profile, PROFILES, '--profile');
  if (profile.length !== 1) throw new UsageError(`--profile takes one profile for a hunt; got "${o.profile}"`);
  const scope = {
    profiles: profile,
    losses: parseList<LossName>(o.loss, LOSSES, '--loss'),
    dtypes: parseList<Dtype>(o.dtype, DTYPES, '--dtype'),
  };
  const islands = selectChecks(['agreement'], scope);
  if (islands.length === 0)
    throw new UsageError(`profile ${o.profile} defines none of the losses ${scope.losses.join(', ')}`);
  if (Array.isArray(o.evaluations) && o.evaluations.length !== islands.length)
    throw new UsageError(
      `--evaluations takes a total or one count per island; got ${o.evaluations.length} counts for ${islands.length} islands`,
    );
  const budget = o.evaluations === undefined ? { seconds: o.seconds ?? 10 } : { evaluations: o.evaluations };
  const tasks = islandTasks(seed, islands.length, budget, o.workers);
  const bar = progress(islands.length);
  const answers =
    Math.min(o.workers, islands.length) > 1
      ? await huntOnPool(
          { impl: o.impl, timeoutMs: o.timeoutMs, level: ctx.level, scope },
          tasks,
          o.workers,
          bar.tick,
          signal,
        )
      : await islandsHere(ctx, islands, tasks, bar.tick, signal);
  bar.stop();
  const found = huntResult(islands, answers, (performance.now() - started) / 1000, signal);
  const evaluations = evaluationsArgument(islands.map((_, i) => answers[i]?.evaluations ?? 0));
  const worst = found.worst;
  if (found.stopped || !worst?.best) return { result: found, evaluations };
  // CHK-7.3: the worst of all made simpler (evaluations not counted), then judged, in this thread.
  const best = await simplify(worst.best, (json) => scoreCase(json, ctx));
  const result = { ...found, worst: { check: worst.check, best } };
  return { result, evaluations, judgement: await worst.check.judge(best.input, ctx) };
}

/** 130 when interrupted (CLI-8); 1 when the worst case fails the level or the implementation was given up on. */
function exitCode({ result, judgement }: Hunted): number {
  if (result.stopped instanceof InterruptedError) return INTERRUPTED_EXIT;
  return result.stopped || judgement?.status === 'fail' ? 1 : 0;
}

/** `losscheck hunt`; returns the exit code: 0 when the worst case passes the level, 1 when it fails. */
export async function huntCommand(o: HuntCommandOptions): Promise<number> {
  const level = parseLevel(o.level);
  const seed = o.seed ?? Date.now() % 2 ** 31;
  checkWritable(join(o.corpus, 'hunt.json'));
  const engine = await createReferenceEngine();
  try {
    return await interruptible((signal) =>
      withImplementation(o.impl, { timeoutMs: o.timeoutMs, signal }, async (impl) => {
        const ctx = { impl, level, expect: expectations({ engine }) };
        const hunted = await runHunt(o, ctx, seed, signal);
        const { result, judgement, evaluations } = hunted;
        const file = result.worst?.best && saveFailure(o.corpus, asResult(result.worst, judgement, seed, evaluations));
        process.stdout.write(formatHunt({ result, judgement, file, impl: o.impl, level, seed, evaluations }));
        return exitCode(hunted);
      }),
    );
  } finally {
    engine.dispose();
  }
}

export function registerHunt(cli: Command): void {
  cli
    .command('hunt')
    .description('search for the case on which the implementation errs most, and save it to the corpus')
    .requiredOption('--impl <IMPL>', `implementation: ${IMPL_FORMS}`)
    .addOption(new Option('--seconds <N>', 'how long to search (default 10)').argParser(positiveNumber('--seconds')))
    .addOption(
      new Option(
        '--evaluations <N>',
        'how many cases to evaluate instead of a time: a total, or one count per island (N,N,...)',
      ).argParser(evaluationsOption),
    )
    .option('--loss <L,...>', 'losses to search (default: all)')
    .option('--dtype <D,...>', 'dtypes to search (default: all)')
    .option('--profile <P>', 'the profile whose semantics the implementation follows', 'torch')
    .option('--level <LEVEL>', 'the level the worst case is judged at', DEFAULT_LEVEL)
    .option('--corpus <DIR>', 'where the worst case is saved', '.losscheck/corpus')
    .addOption(new Option('--seed <N>', 'seed of the search (default: time)').argParser(positiveInteger('--seed')))
    .addOption(timeoutOption())
    .addOption(workersOption())
    .action(async (o: Omit<HuntCommandOptions, 'timeoutMs'> & { timeout?: number }) => {
      process.exitCode = await huntCommand({ ...o, timeoutMs: o.timeout });
    });
}
