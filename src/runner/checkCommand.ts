/**
 * The `check` command (spec/formats.md#CHK-1..5): arguments to a run, progress, reports
 * (REP-1..4), and the exit code (0 conformant, 1 nonconformant, 2 usage).
 */
import cliProgress from 'cli-progress';
import { resolveImplementation } from '../adapters/registry.js';
import type { Implementation } from '../adapters/types.js';
import { UsageError } from '../case/errors.js';
import { DTYPES, LOSSES, PROFILES, type Dtype, type LossName, type ProfileName } from '../case/types.js';
import { createReferenceEngine } from '../reference/engines.js';
import type { CheckReport, CheckResult } from '../report/types.js';
import { formatSummary } from '../report/terminal.js';
import { writeReports, type ReportTargets } from '../report/write.js';
import { LEVELS, type LevelName } from '../verdict/levels.js';
import { DEFAULT_FAMILIES, FAMILIES } from '../../properties/suite.js';
import { runCheck } from './check.js';
import { loadManifest } from './manifest.js';

export interface CheckCommandOptions extends ReportTargets {
  readonly impl: string;
  readonly profile: string;
  readonly loss?: string | undefined;
  readonly dtype?: string | undefined;
  readonly family?: string | undefined;
  readonly level: string;
  readonly runs: number;
  readonly seed?: number | undefined;
  readonly manifest?: string | undefined;
  readonly corpus?: string | undefined;
  readonly shard?: string | undefined;
  readonly timeoutMs?: number | undefined;
}

/** A comma list whose every item is one of `allowed`. */
export function parseList<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T[] {
  if (value === undefined) return [...allowed];
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = items.find((item) => !(allowed as readonly string[]).includes(item));
  if (bad !== undefined || items.length === 0) throw new UsageError(`${option} takes a comma list of ${allowed.join(', ')}; got "${value}"`);
  return items as T[];
}

function parseShard(value: string | undefined): [number, number] | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const [index, count] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  if (!m || index < 1 || index > count) throw new UsageError(`--shard takes I/N with 1 ≤ I ≤ N, got "${value}"`);
  return [index - 1, count];
}

/** A progress bar on a terminal's stderr; nothing in a pipe or CI log. */
function progress(): ((r: CheckResult, done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'checking {bar} {value}/{total} {check}', clearOnComplete: true }, cliProgress.Presets.shades_classic);
  return (r, done, total) => {
    if (done === 1) bar.start(total, 0, { check: '' });
    bar.update(done, { check: r.check });
    if (done === total) bar.stop();
  };
}

/** Resolve IMPL, run `f` with it, and release it whatever happens. */
export async function withImplementation<T>(spec: string, timeoutMs: number | undefined, f: (impl: Implementation) => Promise<T>): Promise<T> {
  const impl = await resolveImplementation(spec, { timeoutMs });
  try {
    return await f(impl);
  } finally {
    await impl.close?.();
  }
}

/** A `--level` value (TOL-LEVEL). */
export function parseLevel(value: string): LevelName {
  if (!(LEVELS as readonly string[]).includes(value)) throw new UsageError(`--level takes ${LEVELS.join(', ')}; got "${value}"`);
  return value as LevelName;
}

/** `losscheck check`; returns the exit code. */
export async function checkCommand(o: CheckCommandOptions, version: string): Promise<number> {
  const level = parseLevel(o.level);
  const scope = {
    profiles: parseList<ProfileName>(o.profile, PROFILES, '--profile'),
    losses: parseList<LossName>(o.loss, LOSSES, '--loss'),
    dtypes: parseList<Dtype>(o.dtype, DTYPES, '--dtype'),
  };
  const families = o.family === undefined ? [...DEFAULT_FAMILIES] : parseList(o.family, Object.keys(FAMILIES), '--family');
  const manifest = o.manifest ? loadManifest(o.manifest) : undefined;
  const seed = o.seed ?? Date.now() % 2 ** 31;
  const engine = await createReferenceEngine();
  try {
    const report: CheckReport = await withImplementation(o.impl, o.timeoutMs, (impl) =>
      runCheck({ impl, engine, level, scope, families, runs: o.runs, seed, manifest, corpus: o.corpus, shard: parseShard(o.shard), onResult: progress() }, version),
    );
    writeReports(report, o);
    process.stdout.write(formatSummary(report));
    return report.verdict === 'conformant' ? 0 : 1;
  } finally {
    engine.dispose();
  }
}
