/**
 * A worker of the check pool (pool.ts): resolves the implementation, the reference engine and the
 * run's checks once per setup, then runs the tasks it is given.
 */
import type { PropertyCheck } from '../../properties/families/family.js';
import { resolveImplementation } from '../adapters/registry.js';
import type { Implementation } from '../adapters/types.js';
import { answerOrStop, stateBySetup, type StopAnswer } from '../pool/threads.js';
import type { ReferenceEngine } from '../reference/arithmetic.js';
import { createReferenceEngine } from '../reference/engines.js';
import { expectations } from './expectations.js';
import type { PoolRequest, PoolSetup } from './pool.js';
import { selectChecks } from './plan.js';
import { runTask, type TaskOutcome } from './tasks.js';

interface WorkerState {
  readonly impl: Implementation;
  readonly engine: ReferenceEngine;
  readonly checks: PropertyCheck<unknown>[];
  readonly expect: ReturnType<typeof expectations>;
}

async function open(setup: PoolSetup): Promise<WorkerState> {
  const impl = await resolveImplementation(setup.impl, { timeoutMs: setup.timeoutMs });
  const engine = await createReferenceEngine();
  const only = setup.only === undefined ? undefined : new RegExp(setup.only);
  const checks = selectChecks(setup.families, setup.scope, only);
  return { impl, engine, checks, expect: expectations({ engine, referenceCache: setup.referenceCache }) };
}

const worker = stateBySetup(open, async (s: WorkerState) => {
  await s.impl.close?.();
  s.engine.dispose();
});

export default function runPoolTask({ setup, task }: PoolRequest): Promise<TaskOutcome | StopAnswer> {
  return answerOrStop(async () => {
    const s = await worker.stateFor(setup);
    const shared = { impl: s.impl, level: setup.level, expect: s.expect, require: setup.require };
    return runTask(task, s.checks, shared, setup);
  });
}

/** Called by tinypool as the pool closes: release processes, sessions and the engine. */
export const teardown = worker.teardown;
