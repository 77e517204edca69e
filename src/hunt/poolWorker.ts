/**
 * A worker of the hunt's pool (pool.ts): resolves the implementation and the reference engine
 * once per setup, then searches the islands it is given, stopping at its next evaluation once
 * the shared interrupt flag is raised.
 */
import type { CheckContext, PropertyCheck } from '../../properties/families/family.js';
import { resolveImplementation } from '../adapters/registry.js';
import type { Implementation } from '../adapters/types.js';
import { InterruptedError } from '../case/errors.js';
import { expectations } from '../check/expectations.js';
import { selectChecks } from '../check/plan.js';
import { answerOrStop, stateBySetup, type StopAnswer } from '../pool/threads.js';
import type { ReferenceEngine } from '../reference/arithmetic.js';
import { createReferenceEngine } from '../reference/engines.js';
import { huntIsland, type IslandAnswer } from './islands.js';
import type { HuntSetup, IslandRequest } from './pool.js';

interface WorkerState {
  readonly impl: Implementation;
  readonly engine: ReferenceEngine;
  readonly ctx: CheckContext;
  readonly islands: PropertyCheck<unknown>[];
}

async function open(setup: HuntSetup): Promise<WorkerState> {
  const impl = await resolveImplementation(setup.impl, { timeoutMs: setup.timeoutMs });
  const engine = await createReferenceEngine();
  const ctx = { impl, level: setup.level, expect: expectations({ engine }) };
  return { impl, engine, ctx, islands: selectChecks(['agreement'], setup.scope) };
}

/** A signal aborted as soon as the flag is seen raised: the hunt looks before every evaluation. */
function interruptSignal(flag: Int32Array): { signal: AbortSignal; poll: () => void } {
  const controller = new AbortController();
  const poll = () => {
    if (!controller.signal.aborted && Atomics.load(flag, 0) === 1) controller.abort(new InterruptedError());
  };
  return { signal: controller.signal, poll };
}

const worker = stateBySetup(open, async (s: WorkerState) => {
  await s.impl.close?.();
  s.engine.dispose();
});

export default function runIsland({ setup, task, interrupt }: IslandRequest): Promise<IslandAnswer | StopAnswer> {
  return answerOrStop(async () => {
    const s = await worker.stateFor(setup);
    const { signal, poll } = interruptSignal(new Int32Array(interrupt));
    poll();
    const expect: CheckContext['expect'] = (json) => {
      poll();
      return s.ctx.expect(json);
    };
    return huntIsland({ ...s.ctx, expect }, s.islands[task.island]!, task, signal);
  });
}

/** Called by tinypool as the pool closes: release processes, sessions and the engine. */
export const teardown = worker.teardown;
