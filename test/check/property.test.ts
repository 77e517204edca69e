/**
 * How a run meets an implementation that does not answer (FMT-5.3), is given up on (FMT-5.4) or
 * is interrupted (CLI-8): each check's result, and the checks not run.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { PropertyCheck } from '../../properties/families/family.js';
import { judgeAgainstReference } from '../../properties/families/judge.js';
import { withFaultLimit } from '../../src/adapters/faultLimit.js';
import type { Implementation } from '../../src/adapters/types.js';
import { GaveUpError, ImplementationFault, InterruptedError } from '../../src/case/errors.js';
import { expectations } from '../../src/check/expectations.js';
import { runProperty } from '../../src/check/property.js';
import { runCheck } from '../../src/check/run.js';
import { createMpfrEngine } from '../../src/reference/mpfrEngine.js';
import { softmaxJson } from '../__helpers__/cases.js';
import { TEST_SEED } from '../setup.js';

const engine = await createMpfrEngine();
afterAll(() => engine.dispose());

const ctx = (impl: Implementation) => ({ impl, level: 'stable' as const, expect: expectations({ engine }) });

/** An implementation that fails every case with `error`, counting the cases it was given. */
function failing(error: () => Error): { impl: Implementation; calls: () => number } {
  let calls = 0;
  const impl: Implementation = {
    name: 'failing',
    evaluate: () => {
      calls++;
      throw error();
    },
  };
  return { impl, calls: () => calls };
}

/** An agreement-like check over softmax cases with two classes and more: something to shrink. */
const check: PropertyCheck<unknown> = {
  id: 'agreement/test',
  family: 'agreement',
  clauses: [],
  arbitrary: fc
    .array(fc.integer({ min: -5, max: 5 }), { minLength: 2, maxLength: 6 })
    .map((input) => softmaxJson({ shape: [1, input.length], input, target: [1] })),
  caseOf: (json) => json as Record<string, unknown>,
  judge: (json, c) => judgeAgainstReference(json as Record<string, unknown>, c),
};

const options = { seed: TEST_SEED, numRuns: 20 };

describe('runProperty and faults (FMT-5.3)', () => {
  it('should fail the check on the case that got no answer, unshrunk: one case, not a search', async () => {
    const { impl, calls } = failing(() => new ImplementationFault('timeout', 'gave no answer within 10 s'));
    const result = await runProperty(check, ctx(impl), options);
    expect(result).toMatchObject({ status: 'fail', fault: 'timeout', message: 'gave no answer within 10 s' });
    expect(result.counterexample).toMatchObject({ loss: 'softmax_cross_entropy', shape: [1, expect.any(Number)] });
    expect(calls()).toBe(1);
  });

  it('should name an answer of the wrong length as a fault, from the judgement against the reference', async () => {
    const twoValues: Implementation = { name: 'two', evaluate: () => ({ loss: Float64Array.of(1, 2) }) };
    const result = await runProperty(check, ctx(twoValues), options);
    expect(result).toMatchObject({ status: 'fail', fault: 'wrong-length' });
    expect(result.message).toMatch(/^loss has 2 values, expected 1 \(FMT-3\)$/);
  });

  it('should end the check with the run when the implementation is given up on or a signal came', async () => {
    await expect(runProperty(check, ctx(failing(() => new GaveUpError('gave up')).impl), options)).rejects.toThrow(
      GaveUpError,
    );
    const controller = new AbortController();
    controller.abort(new InterruptedError('interrupted by SIGINT'));
    const builtIn: Implementation = { name: 'zero', evaluate: () => ({ loss: Float64Array.of(0) }) };
    await expect(runProperty(check, ctx(builtIn), { ...options, signal: controller.signal })).rejects.toThrow(
      'interrupted by SIGINT',
    );
  });
});

describe('runCheck when the run stops early (FMT-5.4, CLI-8)', () => {
  const scope = { losses: ['softmax_cross_entropy'], dtypes: ['float64'], profiles: ['torch'] } as const;
  const runWith = (impl: Implementation, signal?: AbortSignal) =>
    runCheck({ impl, engine, level: 'stable', scope, families: ['spec'], runs: 1, seed: TEST_SEED, signal }, 'test');

  it('should record every check after giving up as notrun, with the reason, and be nonconformant', async () => {
    const { impl, calls } = failing(() => new ImplementationFault('crash', 'exited with code 3'));
    const report = await runWith(withFaultLimit(impl));
    expect(calls()).toBe(3);
    expect(report.results.slice(0, 3).map((r) => r.fault)).toEqual(['crash', 'crash', 'crash']);
    const notRun = report.results.slice(3);
    expect(notRun.length).toBeGreaterThan(0);
    expect(notRun.every((r) => r.status === 'notrun' && r.reason === report.gaveUp)).toBe(true);
    expect(report.gaveUp).toMatch(/^gave up on failing after 3 faults in a row/);
    expect([report.verdict, report.summary.notrun, report.interrupted]).toEqual([
      'nonconformant',
      notRun.length,
      undefined,
    ]);
  });

  it('should stop at the next input when interrupted, every check after it notrun', async () => {
    const controller = new AbortController();
    let cases = 0;
    const impl: Implementation = {
      name: 'interrupted',
      evaluate: () => {
        if (++cases === 2) controller.abort(new InterruptedError('interrupted by SIGTERM'));
        return { loss: Float64Array.of(0) };
      },
    };
    const report = await runWith(impl, controller.signal);
    expect(report.interrupted).toBe(true);
    expect(report.results.slice(0, 2).map((r) => r.status)).not.toContain('notrun');
    expect(report.results.slice(2).every((r) => r.status === 'notrun' && r.reason === 'interrupted by SIGTERM')).toBe(
      true,
    );
    expect(report.verdict).toBe('nonconformant');
  });
});
