/**
 * The hunt's islands over worker threads (spec/formats.md#CHK-7.2, CHK-10): each worker resolves
 * its own instance of `--impl` and its own reference engine once, and searches the islands it is
 * given. An interruption (CLI-8) does not end the threads: it raises a flag they share, each
 * island stops at its next evaluation and answers with the worst case it found so far.
 */
import type { Scope } from '../../properties/families/family.js';
import { runOnThreads } from '../pool/threads.js';
import type { LevelName } from '../verdict/levels.js';
import type { IslandAnswer, IslandTask } from './islands.js';

/** What a worker needs to rebuild the hunt's context: plain data, sent with every island. */
export interface HuntSetup {
  /** The `--impl` text, resolved in each worker (adapters/registry.ts). */
  readonly impl: string;
  readonly timeoutMs?: number | undefined;
  readonly level: LevelName;
  readonly scope: Scope;
}

export interface IslandRequest {
  readonly setup: HuntSetup;
  readonly task: IslandTask;
  /** One Int32 set to 1 when the hunt is interrupted. */
  readonly interrupt: SharedArrayBuffer;
}

const WORKER = new URL('./poolWorker.js', import.meta.url);

/** Search every island on `workers` threads; answers in the islands' order. */
export async function huntOnPool(
  setup: HuntSetup,
  tasks: readonly IslandTask[],
  workers: number,
  onAnswer: (answer: IslandAnswer, k: number) => void,
  signal?: AbortSignal,
): Promise<IslandAnswer[]> {
  const interrupt = new SharedArrayBuffer(4);
  const raise = () => Atomics.store(new Int32Array(interrupt), 0, 1);
  if (signal?.aborted) raise();
  signal?.addEventListener('abort', raise, { once: true });
  try {
    const requests = tasks.map((task): IslandRequest => ({ setup, task, interrupt }));
    return await runOnThreads<IslandRequest, IslandAnswer>(WORKER, requests, workers, onAnswer);
  } finally {
    signal?.removeEventListener('abort', raise);
  }
}
