/**
 * `losscheck hunt` (spec/formats.md#CHK-7): arguments, progress on stderr, the worst case found,
 * its verdict under the level, and its place in the corpus.
 */
import cliProgress from 'cli-progress';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { IMPL_FORMS } from '../adapters/registry.js';
import type { CheckContext, Judgement } from '../../properties/families/family.js';
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
} from './options.js';
import { saveFailure } from '../check/corpus.js';
import { expectations } from '../check/expectations.js';
import { hunt, type HuntProgress, type HuntResult, type IslandBest } from '../hunt/search.js';
import { formatHunt } from '../hunt/text.js';

export interface HuntCommandOptions {
  readonly impl: string;
  readonly seconds?: number | undefined;
  readonly evaluations?: number | undefined;
  readonly loss?: string | undefined;
  readonly dtype?: string | undefined;
  readonly profile: string;
  readonly level: string;
  readonly corpus: string;
  readonly seed?: number | undefined;
  readonly timeoutMs?: number | undefined;
}

interface Progress {
  readonly update: (p: HuntProgress) => void;
  readonly stop: () => void;
}

/** A bar over the time (or evaluation) budget with the worst score so far; on a terminal only. */
function progress(total: number, unit: 's' | 'evaluations'): Progress | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `hunting {bar} {value}/{total} ${unit}, worst {bits} bits {check}`,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { bits: '-', check: '' });
  return {
    update: (p) =>
      bar.update(unit === 's' ? Math.min(total, Math.round(p.seconds)) : p.evaluations, {
        bits: p.best?.best?.worst.score.toFixed(1) ?? '-',
        check: p.best?.check.id ?? '',
      }),
    // A hunt whose islands are all exhausted ends before its budget: the bar goes anyway.
    stop: () => bar.stop(),
  };
}

/**
 * The worst case as a corpus entry (CHK-3), named after its agreement check so that replay finds
 * it; not judged when the hunt was stopped (CLI-8, FMT-5.4).
 */
function asResult(found: IslandBest, judgement: Judgement | undefined, seed: number, evaluations: number): CheckResult {
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

/** Run the hunt over the agreement checks of the scope. */
async function runHunt(
  o: HuntCommandOptions,
  ctx: CheckContext,
  seed: number,
  signal: AbortSignal,
): Promise<{ result: HuntResult; judgement?: Judgement }> {
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
  const budget = o.evaluations === undefined ? { seconds: o.seconds ?? 10 } : { evaluations: o.evaluations };
  const bar = progress(budget.seconds ?? budget.evaluations!, budget.seconds ? 's' : 'evaluations');
  const result = await hunt({ ctx, islands, seed, ...budget, onProgress: bar?.update, signal });
  bar?.stop();
  const worst = result.worst;
  if (result.stopped || !worst?.best) return { result };
  return { result, judgement: await worst.check.judge(worst.best.input, ctx) };
}

/** 130 when interrupted (CLI-8); 1 when the worst case fails the level or the implementation was given up on. */
function exitCode({ result, judgement }: { result: HuntResult; judgement?: Judgement }): number {
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
        const { result, judgement } = hunted;
        const file =
          result.worst?.best && saveFailure(o.corpus, asResult(result.worst, judgement, seed, result.evaluations));
        process.stdout.write(formatHunt({ result, judgement, file, impl: o.impl, level, seed }));
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
      new Option('--evaluations <N>', 'how many cases to evaluate, instead of a time').argParser(
        positiveInteger('--evaluations'),
      ),
    )
    .option('--loss <L,...>', 'losses to search (default: all)')
    .option('--dtype <D,...>', 'dtypes to search (default: all)')
    .option('--profile <P>', 'the profile whose semantics the implementation follows', 'torch')
    .option('--level <LEVEL>', 'the level the worst case is judged at', 'stable')
    .option('--corpus <DIR>', 'where the worst case is saved', '.losscheck/corpus')
    .addOption(new Option('--seed <N>', 'seed of the search (default: time)').argParser(positiveInteger('--seed')))
    .addOption(timeoutOption())
    .action(async (o: Omit<HuntCommandOptions, 'timeoutMs'> & { timeout?: number }) => {
      process.exitCode = await huntCommand({ ...o, timeoutMs: o.timeout });
    });
}
