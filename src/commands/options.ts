/**
 * What the commands share: option parsers that fail with a UsageError naming the option
 * (spec/formats.md#CLI-2), and the lifetime of an implementation.
 */
import { Option } from 'commander';
import { join } from 'node:path';
import { resolveImplementation, type ResolveOptions } from '../adapters/registry.js';
import { DEFAULT_TIMEOUT_MS } from '../adapters/timeouts.js';
import { DEFAULT_WORKERS } from '../pool/threads.js';
import type { Implementation } from '../adapters/types.js';
import { UsageError } from '../case/errors.js';
import { checkWritable } from '../report/write.js';
import { LEVELS, type LevelName } from '../verdict/levels.js';

export const positiveInteger =
  (option: string) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`${option} takes a non-negative integer, got "${value}"`);
    return n;
  };

export const positiveNumber =
  (option: string) =>
  (value: string): number => {
    const n = Number(value);
    if (!(n > 0)) throw new UsageError(`${option} takes a positive number, got "${value}"`);
    return n;
  };

export const seconds = (value: string): number => {
  const s = Number(value);
  if (!(s > 0)) throw new UsageError(`--timeout takes a positive number of seconds, got "${value}"`);
  return s * 1000;
};

/** A regular expression (`--only`): one that does not compile is bad usage, not an internal error. */
export const pattern =
  (option: string) =>
  (value: string): RegExp => {
    try {
      return new RegExp(value);
    } catch (e) {
      throw new UsageError(`${option} takes a regular expression, got "${value}": ${(e as Error).message}`);
    }
  };

/** `--timeout`, in milliseconds: the base of every case's time of a plug-in (FMT-5.3). */
export const timeoutOption = (): Option =>
  new Option(
    '--timeout <SECONDS>',
    `per-case timeout of module: and cmd: plug-ins, for a case of up to 65536 values (default ${DEFAULT_TIMEOUT_MS / 1000}; more for larger cases)`,
  ).argParser(seconds);

/** A comma list whose every item is one of `allowed`. */
export function parseList<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T[] {
  if (value === undefined) return [...allowed];
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = items.find((item) => !(allowed as readonly string[]).includes(item));
  if (bad !== undefined || items.length === 0)
    throw new UsageError(`${option} takes a comma list of ${allowed.join(', ')}; got "${value}"`);
  return items as T[];
}

/** Resolve IMPL, run `f` with it, and release it whatever happens. */
export async function withImplementation<T>(
  spec: string,
  options: ResolveOptions,
  f: (impl: Implementation) => Promise<T>,
): Promise<T> {
  const impl = await resolveImplementation(spec, options);
  try {
    return await f(impl);
  } finally {
    await impl.close?.();
  }
}

/** A `--level` value (TOL-LEVEL). */
export function parseLevel(value: string): LevelName {
  if (!(LEVELS as readonly string[]).includes(value))
    throw new UsageError(`--level takes ${LEVELS.join(', ')}; got "${value}"`);
  return value as LevelName;
}

/** A count of at least one (`--workers`, `--rounds`). */
export const countOf =
  (option: string) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${option} takes a positive integer, got "${value}"`);
    return n;
  };

/** CLI-9's `--reference-cache DIR`, which `check` and `matrix` take: a DIR they can write, made if absent. */
export function referenceCacheOption(): Option {
  return new Option(
    '--reference-cache <DIR>',
    "keep the reference's outcomes of large cases in DIR for later runs with the same seed (CLI-9)",
  ).argParser((dir: string) => {
    checkWritable(join(dir, 'outcome.json'));
    return dir;
  });
}

/**
 * `--workers N` (CHK-10): threads the property checks are spread over; the same results for any N.
 * LOSSCHECK_WORKERS sets the default, for a box whose cores are already busy with other runs.
 */
export function workersOption(): Option {
  return new Option('--workers <N>', 'worker threads for the property checks')
    .default(DEFAULT_WORKERS, 'one per core')
    .env('LOSSCHECK_WORKERS')
    .argParser(countOf('--workers (or LOSSCHECK_WORKERS)'));
}
