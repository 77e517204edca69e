/**
 * Every core busy (spec/formats.md#CHK-10): a run's tasks over a pool of worker threads
 * (src/pool/threads.ts). Each worker resolves its own implementation from the `--impl` text through the
 * adapter registry, and its own reference engine, once; tasks carry only what selects them.
 * Results come back in the run's order of tasks, whatever order the workers finish in.
 */
import type { Scope } from '../../properties/families/family.js';
import { runOnThreads } from '../pool/threads.js';
import type { LevelName } from '../verdict/levels.js';
import type { CheckTask, TaskOutcome } from './tasks.js';

/** What a worker needs to rebuild the run's context: plain data, sent with every task. */
export interface PoolSetup {
  /** The `--impl` text, resolved in each worker (adapters/registry.ts). */
  readonly impl: string;
  readonly timeoutMs?: number | undefined;
  readonly level: LevelName;
  readonly scope: Scope;
  readonly families: readonly string[];
  readonly only?: string | undefined;
  readonly require: readonly string[];
  readonly seed: number;
  readonly runs: number;
  readonly worstBudget?: number | undefined;
  readonly referenceCache?: string | undefined;
}

export interface PoolRequest {
  readonly setup: PoolSetup;
  readonly task: CheckTask;
}

const WORKER = new URL('./poolWorker.js', import.meta.url);

/** Run `tasks` on `workers` threads; `onOutcome(outcome, k)` as task k finishes; outcomes in the order of tasks. */
export function runOnPool(
  setup: PoolSetup,
  tasks: readonly CheckTask[],
  workers: number,
  onOutcome: (outcome: TaskOutcome, k: number) => void,
  signal?: AbortSignal,
): Promise<TaskOutcome[]> {
  const requests = tasks.map((task): PoolRequest => ({ setup, task }));
  return runOnThreads<PoolRequest, TaskOutcome>(WORKER, requests, workers, onOutcome, signal);
}
