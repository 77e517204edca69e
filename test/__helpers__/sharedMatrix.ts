/**
 * One `matrix` run that several test files read — its reports and terminal matrix
 * (commands/matrix.test.ts) and its pages in a browser (browser/checkReports.test.ts) — instead of
 * one run each: the first file to ask runs it, and a file that asks while it runs waits for its
 * record. Each `npm test` has a directory of its own for it (test/globalSetup.ts).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { WITHOUT_BIG_ROWS } from './bigRows.js';
import { losscheckAsync, type CliRun } from './cli.js';

/** The implementations surveyed, in the order of `--impl`. */
export const SHARED_MATRIX_IMPLS = ['naive', 'accurate'] as const;

/** The shared run's arguments but `--out`, for other implementations or workers: 3 runs per property at a fixed seed, no big rows. */
export const matrixArgs = (impls: readonly string[] = SHARED_MATRIX_IMPLS, workers = 1): string[] => [
  ...['matrix', '--impl', ...impls, '--runs', '3', '--seed', '7'],
  ...['--workers', String(workers), '--only', WITHOUT_BIG_ROWS.source],
];

export interface SharedMatrix {
  /** Its `--out`: every report, index.html. */
  readonly dir: string;
  readonly run: CliRun;
}

const POLL_MS = 200;

/** The shared run, started by the first caller of this `npm test`. */
export async function sharedMatrix(): Promise<SharedMatrix> {
  const root = inject('sharedRuns');
  const dir = join(root, 'matrix');
  const record = join(root, 'matrix.json');
  try {
    mkdirSync(dir); // atomic: exactly one caller creates it, and runs the matrix
  } catch {
    for (;;) {
      try {
        return { dir, run: JSON.parse(readFileSync(record, 'utf8')) as CliRun };
      } catch {
        await sleep(POLL_MS);
      }
    }
  }
  const run = await losscheckAsync([...matrixArgs(), '--out', dir]);
  writeFileSync(`${record}.tmp`, JSON.stringify(run));
  renameSync(`${record}.tmp`, record); // whole or absent for the callers waiting
  return { dir, run };
}
