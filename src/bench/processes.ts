/**
 * Figures taken from fresh `losscheck` processes, as a user meets them: a cold certified
 * 131072-class row, and a default `check` over one worker and over several.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckReport } from '../report/types.js';
import { batchJson } from './batch.js';
import { secondsOf } from './measure.js';

/** Run this same `losscheck` (built, or from source through tsx) with `args`; stdout on success. */
function losscheck(args: readonly string[], input = ''): Promise<string> {
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const [out, err] = [[] as Buffer[], [] as Buffer[]];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  child.stdin.end(input);
  return new Promise((resolve, reject) =>
    child.on('close', (status) =>
      status === 0 || status === 1
        ? resolve(Buffer.concat(out).toString())
        : reject(new Error(`losscheck ${args.join(' ')} exited ${status}: ${Buffer.concat(err).toString().trim()}`)),
    ),
  );
}

/** Seconds of `losscheck eval --impl reference` on one 131072-class row, every output, process start included. */
export async function coldRowSeconds(): Promise<number> {
  const row = batchJson({ rows: 1, classes: 131072, reduction: 'none', outputs: ['loss', 'grad', 'logProb'] });
  const { value, seconds } = await secondsOf(() => losscheck(['eval', '--impl', 'reference'], JSON.stringify(row)));
  if (!value.includes('"loss"')) throw new Error(`eval --impl reference gave no loss: ${value.slice(0, 200)}`);
  return seconds;
}

export interface SuiteRun {
  readonly seconds: number;
  readonly runs: number;
}

/** A default `losscheck check --impl fused --seed 1` on `workers` workers. */
export async function checkSeconds(workers: number): Promise<SuiteRun> {
  const dir = mkdtempSync(join(tmpdir(), 'losscheck-bench-'));
  try {
    const json = join(dir, 'report.json');
    const args = ['check', '--impl', 'fused', '--seed', '1', '--workers', String(workers), '--json', json];
    const { seconds } = await secondsOf(() => losscheck(args));
    const report = JSON.parse(readFileSync(json, 'utf8')) as CheckReport;
    return { seconds, runs: report.results.reduce((total, r) => total + r.runs, 0) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
