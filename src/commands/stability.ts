/**
 * `losscheck stability` (spec/formats.md#CLI-7): the sweeps of spec/stability.md over the
 * implementations given, progress on stderr, the threshold table on stdout, and
 * `DIR/stability.json` and `DIR/report.html` (REP-5, REP-6). It exits 0 (a study reports), or 130
 * when a signal stops it (CLI-8), having written what it found.
 */
import cliProgress from 'cli-progress';
import { Option, type Command } from 'commander';
import { join } from 'node:path';
import { IMPL_FORMS, resolveImplementation, type ResolveOptions } from '../adapters/registry.js';
import type { Implementation } from '../adapters/types.js';
import { UsageError } from '../case/errors.js';
import { DTYPES, type Dtype, type LossName } from '../case/types.js';
import { expectations } from '../check/expectations.js';
import { createReferenceEngine } from '../reference/engines.js';
import { renderStabilityHtml } from '../stability/page.js';
import { runStudy, studyGroups, type Group, type StudyOptions, type StudyProgress } from '../stability/study.js';
import { SWEEP_NAMES, SWEPT_LOSSES } from '../stability/sweeps/index.js';
import { formatThresholds } from '../stability/text.js';
import { checkWritable, writeWhole } from '../report/write.js';
import { INTERRUPTED_EXIT, interruptible } from './lifetime.js';
import type { SweepName } from '../stability/types.js';
import { parseList, positiveInteger, positiveNumber, seconds, workersOption } from './options.js';
import { studyPool } from '../stability/pool.js';
import { shellLine } from '../report/shellLine.js';

export const DEFAULT_POINTS_PER_DECADE = 3;
export const DEFAULT_STABILITY_SEED = 1;

export interface StabilityCommandOptions {
  readonly impl: string;
  readonly loss?: string | undefined;
  readonly dtype?: string | undefined;
  readonly sweep?: string | undefined;
  readonly points: number;
  readonly seed: number;
  readonly out: string;
  readonly timeoutMs?: number | undefined;
  /** Threads the groups are measured on (CHK-10); 1: this thread. */
  readonly workers: number;
}

type Scope = Pick<StudyOptions, 'losses' | 'dtypes' | 'sweeps'>;

function parseScope(o: StabilityCommandOptions): Scope {
  const scope = {
    losses: parseList<LossName>(o.loss, SWEPT_LOSSES, '--loss (the losses with sweeps, STAB-1)'),
    dtypes: parseList<Dtype>(o.dtype, DTYPES, '--dtype'),
    sweeps: parseList<SweepName>(o.sweep, SWEEP_NAMES, '--sweep'),
  };
  const groups = studyGroups(scope);
  if (groups.length === 0)
    throw new UsageError(`no sweep of ${scope.sweeps.join(', ')} applies to ${scope.losses.join(', ')} (STAB-1)`);
  // The sweeps that apply, and the losses they sweep: what the reproduce line names.
  const applied = new Set(groups.map((g) => g.sweep));
  return {
    ...scope,
    losses: scope.losses.filter((loss) => [...applied].some((s) => s.loss === loss)),
    sweeps: scope.sweeps.filter((name) => [...applied].some((s) => s.name === name)),
  };
}

/** A bar over the loss × sweep × dtype groups on a terminal; one plain line per group elsewhere. */
function progress(): StudyProgress {
  const label = (g: Group) => `${g.sweep.loss} ${g.sweep.name} ${g.dtype}`;
  if (!process.stderr.isTTY) {
    // Since the group before ended: on workers, groups end in turn, each told only as it ends.
    let started = performance.now();
    return {
      start: () => {},
      done: (series, index, total) => {
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        started = performance.now();
        const s = series[0]!;
        process.stderr.write(`stability ${index + 1}/${total}: ${s.loss} ${s.sweep} ${s.dtype} (${seconds} s)\n`);
      },
    };
  }
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'sweeping {bar} {value}/{total} {group}', clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (group, index, total) => {
      if (index === 0) bar.start(total, 0, { group: label(group) });
      else bar.update(index, { group: label(group) });
    },
    done: (series, index, total) => {
      // On workers no group is told as it starts: the bar starts with the first group done.
      if (!bar.isActive) bar.start(total, index, { group: '' });
      const s = series[0]!;
      bar.update(index + 1, { group: `${s.loss} ${s.sweep} ${s.dtype}` });
      if (index + 1 === total) bar.stop();
    },
  };
}

/** The command line that reproduces the study, pasted into a shell (REP-8: through npx, quoted). */
function reproduceLine(o: StabilityCommandOptions, scope: Scope): string {
  const list = (xs: readonly string[]) => xs.join(',');
  return shellLine([
    ...['npx', 'losscheck', 'stability', '--impl', o.impl],
    ...['--loss', list(scope.losses), '--dtype', list(scope.dtypes), '--sweep', list(scope.sweeps)],
    ...['--points', String(o.points), '--seed', String(o.seed)],
  ]);
}

/** Resolve every IMPL, run `f` with them, and release them whatever happens. */
async function withImplementations<T>(
  specs: readonly string[],
  options: ResolveOptions,
  f: (impls: Implementation[]) => Promise<T>,
): Promise<T> {
  const impls: Implementation[] = [];
  try {
    for (const spec of specs) impls.push(await resolveImplementation(spec, options));
    return await f(impls);
  } finally {
    for (const impl of impls) await impl.close?.();
  }
}

/**
 * `losscheck stability`; returns the exit code: 0, or 130 when interrupted (CLI-8), having
 * written what was found.
 */
export async function stabilityCommand(o: StabilityCommandOptions, version: string): Promise<number> {
  const scope = parseScope(o);
  const specs = o.impl
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (specs.length === 0) throw new UsageError(`--impl takes a comma list of implementations, got "${o.impl}"`);
  const files = { json: join(o.out, 'stability.json'), html: join(o.out, 'report.html') };
  checkWritable(files.json);
  checkWritable(files.html);
  const engine = await createReferenceEngine();
  try {
    return await interruptible(async (signal) => {
      const report = await withImplementations(specs, { timeoutMs: o.timeoutMs, signal }, (impls) =>
        runStudy(
          {
            impls,
            expect: expectations({ engine }),
            ...scope,
            pointsPerDecade: o.points,
            seed: o.seed,
            signal,
            progress: progress(),
            pool: studyPool(
              { impls: specs, timeoutMs: o.timeoutMs, ...scope, pointsPerDecade: o.points, seed: o.seed },
              o.workers,
              signal,
            ),
          },
          version,
        ),
      );
      writeWhole(files.json, `${JSON.stringify(report, null, 2)}\n`);
      writeWhole(files.html, await renderStabilityHtml(report, reproduceLine(o, scope)));
      const interrupted = report.interrupted ? 'interrupted: the series of the groups done so far; ' : '';
      process.stdout.write(
        `${formatThresholds(report)}${interrupted}wrote ${files.json} and ${files.html} (${report.seconds.toFixed(1)} s)\n`,
      );
      return report.interrupted ? INTERRUPTED_EXIT : 0;
    });
  } finally {
    engine.dispose();
  }
}

export function registerStability(cli: Command, version: string): void {
  cli
    .command('stability')
    .description('sweep one quantity at a time and locate where each implementation breaks (spec/stability.md)')
    .requiredOption('--impl <IMPL,...>', `implementations, comma-separated: ${IMPL_FORMS}`)
    .option('--loss <L,...>', `losses to sweep (default: ${SWEPT_LOSSES.join(', ')})`)
    .option('--dtype <D,...>', 'dtypes to sweep (default: all)')
    .option('--sweep <S,...>', `sweeps to run (default: ${SWEEP_NAMES.join(', ')})`)
    .addOption(
      new Option('--points <K>', 'grid points per decade of each sweep (at least 8 per sweep)')
        .default(DEFAULT_POINTS_PER_DECADE)
        .argParser(positiveNumber('--points')),
    )
    .addOption(
      new Option('--seed <N>', "seed of the sweeps' fixed rows")
        .default(DEFAULT_STABILITY_SEED)
        .argParser(positiveInteger('--seed')),
    )
    .option('--out <DIR>', 'where stability.json and report.html are written', 'stability-report')
    .addOption(new Option('--timeout <SECONDS>', 'per-case timeout of cmd: implementations').argParser(seconds))
    .addOption(workersOption())
    .action(async (o: StabilityCommandOptions & { timeout?: number }) => {
      process.exitCode = await stabilityCommand({ ...o, timeoutMs: o.timeout }, version);
    });
}
