/**
 * The invariance family (spec/tolerance.md#TOL-INV): it passes implementations that compute each
 * row alone and the same way every time, and fails one whose rows depend on their batch and one
 * whose answers change from call to call.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Implementation } from '../../src/adapters/types.js';
import type { LossValues } from '../../src/case/types.js';
import { builtIn } from '../../src/losses/builtins.js';
import { createReferenceEngine } from '../../src/reference/engines.js';
import { expectations } from '../../src/check/expectations.js';
import { runProperty } from '../../src/check/property.js';
import { selectChecks } from '../../src/check/plan.js';
import { TEST_SEED } from '../setup.js';

const engine = await createReferenceEngine();
afterAll(() => engine.dispose());

const SCOPE = {
  losses: ['softmax_cross_entropy', 'linear_cross_entropy', 'binary_cross_entropy'] as const,
  dtypes: ['float32'] as const,
  profiles: ['torch'] as const,
};

async function results(impl: Implementation) {
  const ctx = { impl, level: 'opmath' as const, expect: expectations({ engine }) };
  const out = [];
  for (const check of selectChecks(['invariance'], SCOPE))
    out.push(await runProperty(check, ctx, { seed: TEST_SEED, numRuns: 20 }));
  return out;
}

const accurate = builtIn('accurate');
const changed = (name: string, change: (values: LossValues, rows: number) => void): Implementation => ({
  name,
  evaluate: (c) => {
    const values = accurate.evaluate(c) as LossValues;
    change(values, c.shape[0] ?? 1);
    return values;
  },
});

describe('the invariance family (TOL-INV)', () => {
  it('should check batch invariance for softmax and linear CE and determinism for every loss', () => {
    const ids = selectChecks(['invariance'], SCOPE).map((c) => c.id);
    expect(ids).toContain('invariance/batch/softmax_cross_entropy/float32/torch');
    expect(ids).toContain('invariance/batch/linear_cross_entropy/float32/torch');
    expect(ids).toContain('invariance/determinism/binary_cross_entropy/float32/torch');
    expect(ids.some((id) => id.startsWith('invariance/batch/binary'))).toBe(false);
  });

  it('should pass accurate, which computes every row alone, the same way each time (TOL-INV.1, TOL-INV.2)', async () => {
    for (const r of await results(accurate)) expect(r.status, `${r.check}: ${r.message}`).toBe('pass');
  });

  it("should fail a loss that moves with the batch's size, naming the row and the batch, and judge a reduced loss on determinism only (TOL-INV.1, TOL-INV.3)", async () => {
    const impl = changed('batch-dependent', (v, rows) => v.loss.forEach((l, k) => (v.loss[k] = l + 2 ** -20 * rows)));
    const failing = (await results(impl)).filter((r) => r.status === 'fail');
    expect(failing.map((r) => r.check)).toContain('invariance/batch/softmax_cross_entropy/float32/torch');
    expect(failing.find((r) => r.check.startsWith('invariance/batch/'))!.message).toMatch(/of row \d+: .*TOL-INV\.1/);
    // A reduced loss depends on its batch by definition: only determinism is asked of it (TOL-INV.3).
    expect(failing.some((r) => r.check.startsWith('invariance/determinism/'))).toBe(false);
  });

  it('should fail answers that change from one call to the next, whatever the reduction (TOL-INV.2)', async () => {
    let calls = 0;
    const impl = changed('drifting', (v) => v.loss.forEach((l, k) => (v.loss[k] = l * (1 + 2 ** -20 * (calls++ % 2)))));
    const failing = (await results(impl)).filter((r) => r.status === 'fail');
    const determinism = failing.filter((r) => r.check.startsWith('invariance/determinism/'));
    expect(determinism.length).toBeGreaterThan(0);
    expect(determinism[0]!.message).toMatch(/not deterministic \(TOL-INV\.2\)/);
  });
});
