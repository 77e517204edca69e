/**
 * The worst counterexample of a failure (spec/formats.md#REP-10.1): a search of the check's own
 * inputs from the shrunk one finds a failing input that errs by more bits on a known-bad built-in,
 * of a value or of a relation, the same for the same seed, and none with a budget of 0; a failure
 * without one says why (REP-10.4).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { judgeAgainstReference } from '../../properties/families/judge.js';
import { builtIn } from '../../src/losses/builtins.js';
import { createMpfrEngine } from '../../src/reference/mpfrEngine.js';
import { runCheck, type CheckRunOptions } from '../../src/check/run.js';
import { expectations } from '../../src/check/expectations.js';
import { DEFAULT_WORST_BUDGET } from '../../src/check/worst.js';
import { namedCheck } from '../../src/commands/replay.js';
import type { Dtype, LossName } from '../../src/case/types.js';
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
    expect(unsearched.noWorst).toBe('not searched: a budget of 0 (--worst-budget)');
    expect(unsearched.counterexample).toEqual(first.counterexample);
  });
});

/** The failure of one check of naive's run (`family/…/loss/dtype`) at a level. */
async function naiveFailure(check: string, level: 'stable' | 'accurate'): Promise<CheckResult> {
  const [family, loss, dtype] = [check.split('/')[0]!, ...check.split('/').slice(-2)] as [string, LossName, Dtype];
  const report = await runCheck(
    {
      impl: builtIn('naive'),
      engine,
      level,
      scope: { losses: [loss], dtypes: [dtype], profiles: ['torch'] },
      families: [family],
      only: new RegExp(`^${check}/torch$`),
      runs: 20,
      seed: TEST_SEED,
      worstBudget: DEFAULT_WORST_BUDGET,
    },
    'test',
  );
  const failure = report.results.find((r) => r.status === 'fail');
  const command = `losscheck check --impl naive --level ${level} --loss ${loss} --dtype ${dtype} --family ${family} --seed ${TEST_SEED}`;
  expect(failure, command).toBeDefined();
  return failure!;
}

describe('the worst counterexample of a relation (REP-10.1) and a failure with none (REP-10.4)', () => {
  it("should find related cases whose relation naive breaks by strictly more bits than its minimal's", async () => {
    // naive's BCE with logits, log(1 + e^x) against its mirror (−x, 1 − y): beyond the accurate level.
    const id = 'invariants/symmetry/binary_cross_entropy_with_logits/float64';
    const failure = await naiveFailure(id, 'accurate');
    expect(failure.input).toBeDefined();
    const worst = failure.worst!;
    expect(worst.kind).toBe('beyond-level');
    expect(worst.bits!).toBeGreaterThan(failure.bits!);
    // The worst keeps the relation's whole input, and judged again it fails with the bits reported.
    const check = namedCheck(`${id}/torch`)!;
    expect(check.caseOf(worst.input)).toEqual(worst.counterexample);
    const ctx = { impl: builtIn('naive'), level: 'accurate' as const, expect: expectations({ engine }) };
    const again = await check.judge(worst.input, ctx);
    expect(again).toMatchObject({ status: 'fail', kind: worst.kind, bits: worst.bits, message: worst.message });
  });

  it('should say that no answer errs more than a NaN where the exact value is finite', async () => {
    const failure = await naiveFailure('agreement/softmax_cross_entropy/float32', 'stable');
    expect(failure.kind).toBe('non-finite');
    expect(failure.bits).toBeGreaterThanOrEqual(32);
    expect(failure.worst).toBeUndefined();
    expect(failure.noWorst).toBe(
      'none worse: NaN or ±∞ where the exact value is finite is as far as an answer can be (32 bits in float32)',
    );
  });
});
