/**
 * The `check` command (spec/formats.md#CHK-1..5): arguments to a run, progress, reports
 * (REP-1..4), and the exit code (0 conformant, 1 nonconformant, 2 usage).
 */
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { IMPL_FORMS } from '../adapters/registry.js';
import { UsageError } from '../case/errors.js';
import { DTYPES, LOSSES, PROFILES, type Dtype, type LossName, type ProfileName } from '../case/types.js';
import type { CheckReport } from '../report/types.js';
import { checkReportTargets, checkWritable, type ReportTargets } from '../report/write.js';
import { createReferenceEngine } from '../reference/engines.js';
import { DEFAULT_FAMILIES, FAMILIES } from '../../properties/suite.js';
import { DEFAULT_RUNS, runCheck } from '../check/run.js';
import { loadManifest } from '../check/manifest.js';
import { DEFAULT_WORST_BUDGET } from '../check/worst.js';
import { REQUIRABLE } from '../check/coverage.js';
import { INTERRUPTED_EXIT, interruptible } from './lifetime.js';
import { corpusFiles, DEFAULT_CORPUS, EXPLORE_RUNS, GATE_SEED, MODES, parseMode, runInputs } from './mode.js';
import { publish } from './outcome.js';
import { checkProgress } from './progress.js';
import {
  parseLevel,
  parseList,
  positiveInteger,
  referenceCacheOption,
  timeoutOption,
  withImplementation,
  workersOption,
} from './options.js';
import { DEFAULT_LEVEL, LEVELS } from '../verdict/levels.js';

export interface CheckCommandOptions extends ReportTargets {
  readonly impl: string;
  readonly profile: string;
  readonly loss?: string | undefined;
  readonly dtype?: string | undefined;
  readonly family?: string | undefined;
  readonly level: string;
  readonly mode?: string | undefined;
  readonly runs?: number | undefined;
  readonly seed?: number | undefined;
  readonly manifest?: string | undefined;
  readonly strictManifest?: boolean | undefined;
  readonly require?: string | undefined;
  readonly corpus?: string | undefined;
  readonly shard?: string | undefined;
  readonly timeoutMs?: number | undefined;
  readonly workers: number;
  readonly minCoverage?: number | undefined;
  readonly worstBudget?: number | undefined;
  readonly referenceCache?: string | undefined;
}

function parseShard(value: string | undefined): [number, number] | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const [index, count] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  if (!m || index < 1 || index > count) throw new UsageError(`--shard takes I/N with 1 ≤ I ≤ N, got "${value}"`);
  return [index - 1, count];
}

/** The counterexamples a run added to the corpus, for a human to commit (CI-1). */
function reportNew(dir: string, before: ReadonlySet<string>): void {
  const added = [...corpusFiles(dir)].filter((name) => !before.has(name));
  if (added.length === 0) return;
  const list = added.map((name) => `  ${join(dir, name)}\n`).join('');
  process.stdout.write(
    `${added.length} new counterexample(s) in ${dir}; commit them and the gate checks them:\n${list}`,
  );
}

/** `losscheck check`; returns the exit code. */
export async function checkCommand(o: CheckCommandOptions, version: string): Promise<number> {
  const level = parseLevel(o.level);
  const scope = {
    profiles: parseList<ProfileName>(o.profile, PROFILES, '--profile'),
    losses: parseList<LossName>(o.loss, LOSSES, '--loss'),
    dtypes: parseList<Dtype>(o.dtype, DTYPES, '--dtype'),
  };
  const families =
    o.family === undefined ? [...DEFAULT_FAMILIES] : parseList(o.family, Object.keys(FAMILIES), '--family');
  if (o.strictManifest && !o.manifest) throw new UsageError('--strict-manifest needs --manifest FILE (CHK-4.1)');
  const manifest = o.manifest ? loadManifest(o.manifest, o.strictManifest, o.impl) : undefined;
  const shard = parseShard(o.shard);
  const mode = parseMode(o.mode);
  const { seed, runs, corpus, saveTo } = runInputs(mode, o);
  checkReportTargets(o);
  if (saveTo !== undefined) checkWritable(join(saveTo, 'counterexample.json'));
  const before = saveTo === undefined ? undefined : corpusFiles(saveTo);
  // With a pool, each worker makes its own engine (CHK-10).
  const engine = o.workers > 1 ? undefined : await createReferenceEngine();
  try {
    return await interruptible(async (signal) => {
      const options = { timeoutMs: o.timeoutMs, signal };
      const onResult = checkProgress('checking');
      const report: CheckReport = await withImplementation(o.impl, options, (impl) =>
        runCheck(
          {
            impl,
            engine,
            level,
            scope,
            families,
            runs,
            seed,
            manifest,
            require: o.require === undefined ? [] : parseList(o.require, REQUIRABLE, '--require'),
            corpus,
            saveTo,
            shard,
            minCoverage: o.minCoverage,
            worstBudget: o.worstBudget ?? DEFAULT_WORST_BUDGET,
            referenceCache: o.referenceCache,
            signal,
            onResult,
            pool: { impl: o.impl, workers: o.workers, timeoutMs: o.timeoutMs },
          },
          version,
        ),
      );
      await publish(report, o);
      if (saveTo !== undefined && before !== undefined) reportNew(saveTo, before);
      if (report.interrupted) return INTERRUPTED_EXIT;
      return report.verdict === 'conformant' ? 0 : 1;
    });
  } finally {
    engine?.dispose();
  }
}

export function registerCheck(cli: Command, version: string): void {
  cli
    .command('check')
    .description('the conformance run: spec cases, corpus, property families against the certified reference')
    .requiredOption('--impl <IMPL>', `implementation: ${IMPL_FORMS}`)
    .option('--profile <P>', 'profile(s) whose semantics the implementation follows', 'torch')
    .option('--loss <L,...>', 'losses to check (default: all)')
    .option('--dtype <D,...>', 'dtypes to check (default: all)')
    .option('--family <F,...>', `property families to run (default: ${DEFAULT_FAMILIES.join(',')})`)
    .option('--level <LEVEL>', `${LEVELS.join(', ')} (spec/tolerance.md)`, DEFAULT_LEVEL)
    .addOption(
      new Option(
        '--mode <MODE>',
        `${MODES.join(' or ')} (CI-1). gate: seed ${GATE_SEED}, replays ${DEFAULT_CORPUS} and never writes it; explore: seed from the time, ${EXPLORE_RUNS} runs, new counterexamples written to the corpus`,
      ),
    )
    .addOption(
      new Option(
        '--runs <N>',
        `generated cases per property (default: ${DEFAULT_RUNS}; explore: ${EXPLORE_RUNS})`,
      ).argParser(positiveInteger('--runs')),
    )
    .addOption(
      new Option('--seed <N>', `seed of every property (default: time; gate: ${GATE_SEED})`).argParser(
        positiveInteger('--seed'),
      ),
    )
    .option('--manifest <FILE>', 'known deviations: failures expected, with reasons')
    .option('--strict-manifest', 'stale manifest entries fail the run too')
    .option(
      '--require <OUTPUT,...>',
      `outputs whose absence fails (${REQUIRABLE.join(', ')}); else not offered is coverage`,
    )
    .option('--corpus <DIR>', `replay saved counterexamples first; save new ones (with --mode: ${DEFAULT_CORPUS})`)
    .option('--shard <I/N>', 'run the I-th of N slices of the checks')
    .addOption(
      new Option('--min-coverage <N>', 'fail the run when a regime of a loss × dtype got fewer than N cases').argParser(
        positiveInteger('--min-coverage'),
      ),
    )
    .addOption(
      new Option(
        '--worst-budget <N>',
        `evaluations of each failure's search for its worst counterexample, 0 for none (default: ${DEFAULT_WORST_BUDGET})`,
      ).argParser(positiveInteger('--worst-budget')),
    )
    .addOption(referenceCacheOption())
    .addOption(workersOption())
    .option('--json <FILE>', 'write the JSON report')
    .option('--junit <FILE>', 'write a JUnit XML report')
    .option('--markdown <FILE>', 'write a Markdown report')
    .option('--html <DIR>', 'write DIR/report.html')
    .addOption(timeoutOption())
    .action(async (o: CheckCommandOptions & { timeout?: number }) => {
      process.exitCode = await checkCommand({ ...o, timeoutMs: o.timeout }, version);
    });
}
