/**
 * Run the `losscheck` command as a user runs the package's bin: the built dist/ (`npm test` builds
 * first; test/globalSetup.ts rebuilds it when a source is newer).
 */
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

export const BUILT_CLI = 'dist/src/cli.js';

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function losscheck(args: readonly string[], input = '', env?: NodeJS.ProcessEnv): CliRun {
  const r = spawnSync(process.execPath, [BUILT_CLI, ...args], {
    input,
    encoding: 'utf8',
    timeout: 120_000,
    env: env && { ...process.env, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export type CliProcess = ChildProcessByStdio<null, Readable, Readable>;

/** Start `losscheck ARGS` and let the test talk to it (signals); `done` settles when it exits. */
export function startLosscheck(args: readonly string[]): { child: CliProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [BUILT_CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const [stdout, stderr] = [[] as Buffer[], [] as Buffer[]];
  child.stdout.on('data', (b: Buffer) => stdout.push(b));
  child.stderr.on('data', (b: Buffer) => stderr.push(b));
  const done = new Promise<CliRun>((resolve) =>
    child.on('close', (status) =>
      resolve({ status, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() }),
    ),
  );
  return { child, done };
}

/** `losscheck` in a process of its own, without blocking the test's event loop. */
export const losscheckAsync = (args: readonly string[]): Promise<CliRun> => startLosscheck(args).done;
