/**
 * The plan of a conformance run (spec/formats.md#CHK-5, REP-1 `plan`): every task of the whole
 * run — the corpus's replays, then the checks of the families in scope — in one order, and the
 * shard's share of it. Shards deal the tasks out by position, so the shards of a run are disjoint
 * and together complete; the plan's digest lets `merge` prove it (MRG-2).
 */
import { createHash } from 'node:crypto';
import type { PropertyCheck, Scope } from '../../properties/families/family.js';
import { FAMILIES } from '../../properties/suite.js';
import { replayId, type CorpusEntry } from './corpus.js';
import type { CheckTask } from './tasks.js';

/** `--shard I/N` as `[I − 1, N]`. */
export type Shard = readonly [index: number, count: number];

/** The checks of the selected families, in a stable order (CHK-1), those `only` matches. */
export function selectChecks(families: readonly string[], scope: Scope, only?: RegExp): PropertyCheck<unknown>[] {
  const all = families.flatMap((name) => FAMILIES[name]!(scope));
  return only ? all.filter((check) => only.test(check.id)) : all;
}

/** The id a task's result has: the check's, or a replay's (`corpus/CHECK`, `manifest[I]/CHECK`: REP-1). */
export function taskId(task: CheckTask, checks: readonly PropertyCheck<unknown>[]): string {
  return task.kind === 'corpus' ? replayId(task.entry) : checks[task.index]!.id;
}

/** A digest of ids in order: the same for a run's plan and for its results, merged or not. */
export function idsDigest(ids: readonly string[]): string {
  return `sha256:${createHash('sha256').update(ids.join('\n')).digest('hex')}`;
}

export interface RunPlan {
  /** The whole run's tasks, unsharded: the corpus first, then the checks (CHK-3, CHK-5). */
  readonly tasks: readonly CheckTask[];
  /** The positions in `tasks` this shard runs (all of them without a shard). */
  readonly positions: readonly number[];
  /** REP-1 `plan`: the whole run's task count and the digest of its ids in order. */
  readonly summary: { readonly tasks: number; readonly digest: string };
}

/** The tasks of a run and the positions of its shard: position p belongs to shard p mod N (CHK-5). */
export function planRun(checks: readonly PropertyCheck<unknown>[], corpus: readonly CorpusEntry[], shard?: Shard) {
  const tasks: CheckTask[] = [
    ...corpus.map((entry) => ({ kind: 'corpus' as const, entry })),
    ...checks.map((_, index) => ({ kind: 'property' as const, index })),
  ];
  const positions = tasks.map((_, p) => p).filter((p) => shard === undefined || p % shard[1] === shard[0]);
  const summary = { tasks: tasks.length, digest: idsDigest(tasks.map((t) => taskId(t, checks))) };
  return { tasks, positions, summary } satisfies RunPlan;
}
