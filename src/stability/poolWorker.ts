/**
 * A worker of the stability pool (pool.ts): resolves the implementations and the reference engine
 * once per setup, then measures the groups it is given; an implementation given up on is skipped
 * in this worker's later groups (FMT-5.4: giving up belongs to one instance).
 */
import { resolveImplementation } from '../adapters/registry.js';
import type { Implementation } from '../adapters/types.js';
import { expectations } from '../check/expectations.js';
import { answerOrStop, stateBySetup, type StopAnswer } from '../pool/threads.js';
import type { ReferenceEngine } from '../reference/arithmetic.js';
import { createReferenceEngine } from '../reference/engines.js';
import type { GroupRequest, StudySetup } from './pool.js';
import { measureGroup, studyGroups } from './study.js';
import type { StabilitySeries } from './types.js';

interface WorkerState {
  readonly impls: Implementation[];
  readonly engine: ReferenceEngine;
  readonly expect: ReturnType<typeof expectations>;
  readonly gaveUp: Map<Implementation, string>;
}

async function open(setup: StudySetup): Promise<WorkerState> {
  const impls: Implementation[] = [];
  for (const spec of setup.impls) impls.push(await resolveImplementation(spec, { timeoutMs: setup.timeoutMs }));
  const engine = await createReferenceEngine();
  return { impls, engine, expect: expectations({ engine }), gaveUp: new Map() };
}

const worker = stateBySetup(open, async (s: WorkerState) => {
  for (const impl of s.impls) await impl.close?.();
  s.engine.dispose();
});

export default function measureGroupTask({ setup, group }: GroupRequest): Promise<StabilitySeries[] | StopAnswer> {
  return answerOrStop(async () => {
    const s = await worker.stateFor(setup);
    const o = { expect: s.expect, pointsPerDecade: setup.pointsPerDecade, seed: setup.seed };
    return measureGroup(s.impls, studyGroups(setup)[group]!, o, s.gaveUp);
  });
}

/** Called by tinypool as the pool closes: release processes, sessions and the engine. */
export const teardown = worker.teardown;
