/**
 * The stability study's groups over worker threads (CHK-10): each worker resolves its own
 * instances of the implementations and its own reference engine once, and measures the groups
 * (loss × sweep × dtype) it is given; the series come back in the groups' order.
 */
import type { Dtype, LossName } from '../case/types.js';
import { runOnThreads } from '../pool/threads.js';
import type { Group, StudyPool } from './study.js';
import type { StabilitySeries, SweepName } from './types.js';

/** What a worker needs to rebuild the study's context: plain data, sent with every group. */
export interface StudySetup {
  /** The `--impl` texts, resolved in each worker (adapters/registry.ts). */
  readonly impls: readonly string[];
  readonly timeoutMs?: number | undefined;
  readonly losses: readonly LossName[];
  readonly dtypes: readonly Dtype[];
  readonly sweeps: readonly SweepName[];
  readonly pointsPerDecade: number;
  readonly seed: number;
}

export interface GroupRequest {
  readonly setup: StudySetup;
  /** The group's index in studyGroups(setup). */
  readonly group: number;
}

const WORKER = new URL('./poolWorker.js', import.meta.url);

/** The groups of `setup` on `workers` threads; an aborted signal ends them (CLI-8). */
export function studyPool(setup: StudySetup, workers: number, signal?: AbortSignal): StudyPool {
  return {
    workers,
    run: async (groups: readonly Group[], record: (series: StabilitySeries[], k: number) => void) => {
      const requests = groups.map((_, group): GroupRequest => ({ setup, group }));
      await runOnThreads<GroupRequest, StabilitySeries[]>(WORKER, requests, workers, record, signal);
    },
  };
}
