import { describe, expect, it } from 'vitest';
import { FAULT_LIMITS, withFaultLimit } from '../../src/adapters/faultLimit.js';
import type { Implementation } from '../../src/adapters/types.js';
import { GaveUpError, ImplementationFault, type FaultKind } from '../../src/case/errors.js';
import { decoded, softmaxJson } from '../__helpers__/cases.js';

type Step = FaultKind | 'answer' | 'reject';

/** An implementation that does, case after case, what `steps` say; and how many cases reached it. */
function scripted(steps: readonly Step[]): { impl: Implementation; calls: () => number } {
  let calls = 0;
  const impl: Implementation = {
    name: 'scripted',
    evaluate: () => {
      const step = steps[calls++] ?? 'answer';
      if (step === 'answer') return { loss: Float64Array.of(0) };
      if (step === 'reject') throw new Error('rejected');
      throw new ImplementationFault(step, `${step} #${calls}`);
    },
  };
  return { impl, calls: () => calls };
}

/** Every case until the implementation is given up on, or `cases` of them: what each gave. */
async function drive(steps: readonly Step[], cases = 20): Promise<{ outcomes: string[]; calls: number }> {
  const { impl, calls } = scripted(steps);
  const limited = withFaultLimit(impl);
  const outcomes: string[] = [];
  for (let i = 0; i < cases; i++) {
    try {
      await limited.evaluate(decoded(softmaxJson()));
      outcomes.push('answer');
    } catch (e) {
      outcomes.push(e instanceof GaveUpError ? 'gave up' : (e as Error).message);
      if (e instanceof GaveUpError) break;
    }
  }
  return { outcomes, calls: calls() };
}

describe('withFaultLimit (FMT-5.4)', () => {
  it(`should give up after ${FAULT_LIMITS.inARow} process faults in a row, and send no case after`, async () => {
    const { outcomes, calls } = await drive(['answer', 'timeout', 'crash', 'not-json']);
    expect(outcomes).toEqual(['answer', 'timeout #2', 'crash #3', 'not-json #4', 'gave up']);
    expect(calls).toBe(1 + FAULT_LIMITS.inARow);
  });

  it('should count again from an answer, a rejection or a malformed result', async () => {
    const steps: Step[] = ['crash', 'crash', 'reject', 'crash', 'crash', 'wrong-length', 'crash', 'crash', 'answer'];
    const { outcomes } = await drive(steps, steps.length);
    expect(outcomes).not.toContain('gave up');
  });

  it(`should give up after ${FAULT_LIMITS.timeouts} timeouts in all, answers between them`, async () => {
    const steps = Array.from({ length: FAULT_LIMITS.timeouts }, () => ['timeout', 'answer'] as Step[]).flat();
    const { outcomes } = await drive(steps, steps.length + 1);
    expect(outcomes.filter((o) => o.startsWith('timeout'))).toHaveLength(FAULT_LIMITS.timeouts);
    expect(outcomes.at(-1)).toBe('gave up');
  });

  it('should say why it gave up, with the last fault', async () => {
    const limited = withFaultLimit(scripted(['timeout', 'timeout', 'timeout']).impl);
    for (let i = 0; i < FAULT_LIMITS.inARow; i++)
      await Promise.resolve(limited.evaluate(decoded(softmaxJson()))).catch(() => 0);
    await expect(limited.evaluate(decoded(softmaxJson()))).rejects.toThrow(
      'gave up on scripted after 3 faults in a row (FMT-5.4); the last: timeout #3',
    );
  });
});
