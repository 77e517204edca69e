/**
 * `losscheck check` at its defaults (profile torch, every loss and dtype, the default families,
 * the default level, DEFAULT_RUNS runs): in this process, optionally restricted to some checks, or as a
 * user runs it — the built CLI in a process of its own, a JSON report.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { resolveImplementation } from '../../src/adapters/registry.js';
import { DTYPES, LOSSES } from '../../src/case/types.js';
import { DEFAULT_RUNS, runCheck } from '../../src/check/run.js';
import type { ReferenceEngine } from '../../src/reference/arithmetic.js';
import type { CheckReport, CheckResult } from '../../src/report/types.js';
import { formatSummary } from '../../src/report/terminal.js';
import { DEFAULT_FAMILIES } from '../../properties/suite.js';
import { DEFAULT_LEVEL } from '../../src/verdict/levels.js';
import { losscheckAsync } from '../__helpers__/cli.js';

export interface CheckRun {
  readonly status: number | null;
  /** The terminal summary: failures with their counterexample, seed and path (replay). */
  readonly stdout: string;
  readonly stderr: string;
  readonly report: CheckReport | undefined;
}

/**
 * The long sweeps run their processes side by side, as many as there are cores: one worker each
 * keeps the cores busy, where a pool of one worker per core in each would spend a third more CPU
 * time on the same report (CHK-10: the report does not depend on the number of workers).
 */
const ONE_WORKER = ['--workers', '1'];

/** The sweep's reference cache (test/longSetup.ts), when the run has one. */
const referenceCache = (): string[] => {
  const dir: string | undefined = inject('referenceCache');
  return dir === undefined ? [] : ['--reference-cache', dir];
};

/**
 * `losscheck check --impl IMPL --seed SEED --json FILE` on one worker, with the sweep's reference
 * cache, nothing else changed but `options` (which may name another number of workers).
 */
export async function checkProcess(impl: string, seed: number, options: readonly string[] = []): Promise<CheckRun> {
  const dir = mkdtempSync(join(tmpdir(), 'losscheck-'));
  const json = join(dir, 'report.json');
  const args = [
    'check',
    '--impl',
    impl,
    '--seed',
    String(seed),
    '--json',
    json,
    ...ONE_WORKER,
    ...referenceCache(),
    ...options,
  ];
  const run = await losscheckAsync(args);
  let report: CheckReport | undefined;
  try {
    report = JSON.parse(readFileSync(json, 'utf8')) as CheckReport;
  } catch {
    report = undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { ...run, report };
}

/**
 * The same run in this process, with `only` the checks whose id matches: each check draws the
 * same cases from the seed as in the full run, so its result is the full run's.
 */
export async function checkInProcess(
  impl: string,
  seed: number,
  engine: ReferenceEngine,
  only?: RegExp,
): Promise<CheckRun> {
  const implementation = await resolveImplementation(impl);
  try {
    const report = await runCheck(
      {
        impl: implementation,
        engine,
        level: DEFAULT_LEVEL,
        scope: { losses: LOSSES, dtypes: DTYPES, profiles: ['torch'] },
        families: DEFAULT_FAMILIES,
        runs: DEFAULT_RUNS,
        seed,
        only,
      },
      'test',
    );
    return { status: report.verdict === 'conformant' ? 0 : 1, stdout: formatSummary(report), stderr: '', report };
  } finally {
    await implementation.close?.();
  }
}

export const failures = (run: CheckRun): CheckResult[] =>
  run.report?.results.filter((r) => r.status === 'fail' || r.status === 'error') ?? [];
