/**
 * `losscheck check` run as a user runs it — the CLI, its defaults, a JSON report — concurrently
 * (each run is a process of its own).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckReport, CheckResult } from '../../src/report/types.js';

export interface CheckRun {
  readonly status: number | null;
  /** The terminal summary: failures with their counterexample, seed and path (replay). */
  readonly stdout: string;
  readonly stderr: string;
  readonly report: CheckReport | undefined;
}

/** `losscheck check --impl IMPL --seed SEED --json FILE`, nothing else changed. */
export async function checkRun(impl: string, seed: number): Promise<CheckRun> {
  const dir = mkdtempSync(join(tmpdir(), 'losscheck-'));
  const json = join(dir, 'report.json');
  const argv = ['--import', 'tsx', 'src/cli.ts', 'check', '--impl', impl, '--seed', String(seed), '--json', json];
  const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  const [stdout, stderr] = [[] as Buffer[], [] as Buffer[]];
  child.stdout.on('data', (b: Buffer) => stdout.push(b));
  child.stderr.on('data', (b: Buffer) => stderr.push(b));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  let report: CheckReport | undefined;
  try {
    report = JSON.parse(readFileSync(json, 'utf8')) as CheckReport;
  } catch {
    report = undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { status, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString(), report };
}

export const failures = (run: CheckRun): CheckResult[] =>
  run.report?.results.filter((r) => r.status === 'fail' || r.status === 'error') ?? [];
