/**
 * The worst counterexample of a failure (spec/formats.md#REP-10.1): a search of the check's own
 * inputs from the shrunk one finds a failing input that errs by more bits on a known-bad built-in,
 * the same for the same seed, and none with a budget of 0.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { judgeAgainstReference } from '../../properties/families/judge.js';
import { builtIn } from '../../src/losses/builtins.js';
import { createMpfrEngine } from '../../src/reference/mpfrEngine.js';
import { runCheck, type CheckRunOptions } from '../../src/check/run.js';
import { expectations } from '../../src/check/expectations.js';
import { DEFAULT_WORST_BUDGET } from '../../src/check/worst.js';
import type { CheckResult } from '../../src/report/types.js';
import { TEST_SEED } from '../setup.js';

const engine = await createMpfrEngine();
afterAll(() => engine.dispose());

/** naive's BCE on probabilities in float64: log(1 − p) loses a tiny p, a beyond-level failure (TOL-RUN). */
const scope = { losses: ['binary_cross_entropy'], dtypes: ['float64'], profiles: ['torch'] } as const;

const agreementFailure = async (over: Partial<CheckRunOptions> = {}): Promise<CheckResult> => {
  const options = { impl: builtIn('naive'), engine, level: 'stable' as const, scope, families: ['agreement'] };
  const run = { runs: 20, seed: TEST_SEED, worstBudget: DEFAULT_WORST_BUDGET, ...over };
  const report = await runCheck({ ...options, ...run }, 'test');
  const failure = report.results.find((r) => r.status === 'fail');
  expect(
    failure,
    `losscheck check --impl naive --loss binary_cross_entropy --dtype float64 --family agreement --seed ${TEST_SEED}`,
  ).toBeDefined();
  return failure!;
};

describe('the worst counterexample of a failure (REP-10.1)', () => {
  it("should find an input of the check that fails by strictly more bits than naive's minimal one", async () => {
    const failure = await agreementFailure();
    const worst = failure.worst!;
    expect(worst.kind).toBe(failure.kind);
    expect(worst.bits!).toBeGreaterThan(failure.bits!);
    expect(worst.evaluations).toBeLessThanOrEqual(DEFAULT_WORST_BUDGET);
    // The worst is a real failure of the check: judged again, it fails with the bits reported.
    const ctx = { impl: builtIn('naive'), level: 'stable' as const, expect: expectations({ engine }) };
    const again = await judgeAgainstReference(worst.counterexample, ctx);
    expect(again).toMatchObject({ status: 'fail', kind: worst.kind, bits: worst.bits, message: worst.message });
  });

  it('should find the same worst for the same seed and budget, and search nothing with a budget of 0', async () => {
    const [first, second] = [await agreementFailure(), await agreementFailure()];
    expect(second.worst).toEqual(first.worst);
    const unsearched = await agreementFailure({ worstBudget: 0 });
    expect(unsearched.worst).toBeUndefined();
    expect(unsearched.counterexample).toEqual(first.counterexample);
  });
});
