/**
 * Meta-tests (issue 4): a check that cannot fail is a defect. Every family fails for a
 * deliberately broken implementation and passes for `accurate`; every invariant fails for the
 * bug it is there to catch. Seeded (FC_SEED); a failure prints the check's summary.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Implementation } from '../../src/adapters/types.js';
import { resolveImplementation } from '../../src/adapters/registry.js';
import { DTYPES, LOSSES, type LossCase, type LossValues } from '../../src/case/types.js';
import { builtIn } from '../../src/losses/builtins.js';
import { createReferenceEngine } from '../../src/reference/engines.js';
import { formatSummary } from '../../src/report/terminal.js';
import { runCheck } from '../../src/check/run.js';
import { selectChecks } from '../../src/check/plan.js';
import { expectations } from '../../src/check/expectations.js';
import { runProperty } from '../../src/check/property.js';
import { INVARIANTS } from '../../properties/families/invariants.js';
import { FAMILIES } from '../../properties/suite.js';
import { WITHOUT_LANGUAGE_MODEL_CHECKS } from '../__helpers__/bigRows.js';
import { TEST_SEED } from '../setup.js';

const engine = await createReferenceEngine();
afterAll(() => engine.dispose());

const TORCH = { losses: LOSSES, dtypes: DTYPES, profiles: ['torch' as const] };
const RUNS = 50;
const bugged = (file: string) => resolveImplementation(`module:test/properties/bugged/${file}.mjs`);
const accurate = builtIn('accurate');

/** `accurate` with its values changed after the fact: a deliberate break. */
function broken(name: string, change: (c: LossCase, v: LossValues) => void): Implementation {
  return {
    name,
    evaluate: (c) => {
      const values = accurate.evaluate(c) as LossValues;
      change(c, values);
      return values;
    },
  };
}

const isLoss = (c: LossCase, loss: string) => c.loss === loss;
const classAxisOf = (c: LossCase) =>
  c.shape.length === 1
    ? { C: c.shape[0]!, inner: 1 }
    : { C: c.shape[1]!, inner: c.shape.slice(2).reduce((a, b) => a * b, 1) };

/** Wrappers where no plug-in of bugged/ is the natural bug. */
const WRAPPED: Readonly<Record<string, () => Implementation>> = {
  // Class 0 is special: its gradient doubled.
  permutation: () =>
    broken('class-0-special', (c, v) => {
      const { C, inner } = classAxisOf(c);
      v.grad?.forEach((g, k) => (Math.floor(k / inner) % C === 0 ? (v.grad![k] = 2 * g) : g));
    }),
  // The log-probabilities output off by 2^-10 from the loss's own.
  plain: () => broken('logprob-offset', (_, v) => v.logProb?.forEach((l, k) => (v.logProb![k] = l - 2 ** -10))),
  // BCE with logits 2^-10 too large relative to softmax CE.
  twoClass: () =>
    broken(
      'bcel-scaled',
      (c, v) =>
        isLoss(c, 'binary_cross_entropy_with_logits') && v.loss.forEach((l, k) => (v.loss[k] = l * (1 + 2 ** -10))),
    ),
  // An asymmetric term: the logit itself, 2^-10 of it.
  symmetry: () =>
    broken(
      'bcel-asymmetric',
      (c, v) =>
        isLoss(c, 'binary_cross_entropy_with_logits') &&
        v.loss.forEach((l, k) => (v.loss[k] = l + 2 ** -10 * (c.input[k] ?? 0))),
    ),
  // Linear CE's weight gradient averaged over the rows of the call: a chunk's rows count (LCE-4).
  chunks: () =>
    broken(
      'rows-averaged',
      (c, v) =>
        isLoss(c, 'linear_cross_entropy') &&
        v.gradWeight?.forEach((g, k) => (v.gradWeight![k] = g / Math.max(1, c.shape[0]!))),
    ),
  // Losses of probability targets 2^-10 short: below the entropy where the loss is near it.
  gibbs: () =>
    broken('short', (c, v) => c.targetKind === 'probability' && v.loss.forEach((l, k) => (v.loss[k] = l - 2 ** -10))),
};

/** Never rejects: answers 0 where `accurate` rejects the case. */
const lenient: Implementation = {
  name: 'lenient',
  evaluate: (c) => {
    try {
      return accurate.evaluate(c);
    } catch {
      return { loss: new Float64Array(1) };
    }
  },
};

/** Each invariant and the bugged plug-in it catches. */
const BREAKERS: Readonly<Record<string, string>> = {
  shift: 'lse-then-subtract',
  smoothing: 'smoothing-share',
  oneHot: 'probability-unsmoothed',
  rows: 'none-grad-scaled',
  meanSum: 'chunked-mean',
  ignored: 'ignored-counted',
  weightScale: 'mean-count',
  posWeight: 'pos-weight-wrong-term',
  sigmoid: 'bce-epsilon',
  gradientSum: 'grad-unit-mass',
  finiteDifference: 'grad-sign',
  upstream: 'chunked-upstream-after-sum',
  zLoss: 'chunked-z-mean-lse',
};

async function breaker(name: string): Promise<Implementation> {
  return WRAPPED[name]?.() ?? bugged(BREAKERS[name]!);
}

/** Runs the family's checks (torch) until one fails; the failure, or a summary of the passes. */
async function firstFailure(family: string, prefix: string, impl: Implementation) {
  const ctx = { impl, level: 'stable' as const, expect: expectations({ engine }) };
  const checks = selectChecks([family], TORCH).filter((c) => c.id.startsWith(prefix));
  expect(checks.length).toBeGreaterThan(0);
  const passed: string[] = [];
  for (const check of checks) {
    const result = await runProperty(check, ctx, { seed: TEST_SEED, numRuns: RUNS });
    if (result.status === 'fail') return { result, passed };
    passed.push(`${check.id}: ${result.status}`);
  }
  return { result: undefined, passed };
}

describe('every invariant fails for the bug it targets (a check that cannot fail is a defect)', () => {
  for (const { name } of INVARIANTS) {
    it(`should fail invariants/${name} for ${BREAKERS[name] ?? 'a wrapper'}`, { timeout: 120_000 }, async () => {
      const { result, passed } = await firstFailure('invariants', `invariants/${name}/`, await breaker(name));
      expect(result?.message, `no failure (seed ${TEST_SEED}): ${passed.join('; ')}`).toMatch(/TOL-REL|TOL-LEVEL/);
    });
  }
});

/** The judgement of a value beyond the level (TOL-LEVEL), or of one not finite where it must be. */
const OFF_THE_REFERENCE = /^(loss|grad|logProb)\[\d+\] = .*(beyond the stable level|where the exact value is finite)/;

/** A family, an implementation it must fail, and the failure it must report. */
const FAMILY_BREAKERS: Readonly<Record<string, { impl: () => Promise<Implementation>; failure: RegExp }>> = {
  spec: { impl: () => bugged('grad-sign'), failure: /^grad\[\d+\] = .*beyond the stable level/ },
  agreement: { impl: () => bugged('bf16-before-cast'), failure: OFF_THE_REFERENCE },
  edges: {
    impl: () => resolveImplementation('module:test/properties/plugins/float64.mjs'),
    failure: /where the profile gives/,
  },
  invariants: { impl: () => bugged('lse-then-subtract'), failure: /shift invariance \(CE-2\.1\).*\(TOL-REL\.2\)$/ },
  badInputs: {
    impl: () => bugged('label-clamped'),
    failure: /^accepted a case its profile rejects \(label_out_of_range\)/,
  },
  strictInputs: { impl: async () => lenient, failure: /^accepted a case its profile rejects / },
  stress: { impl: () => bugged('no-max-shift'), failure: OFF_THE_REFERENCE },
  // A loss that moves with the batch's size: not batch-invariant (TOL-INV.1).
  invariance: {
    impl: async () =>
      broken('batch-dependent', (c, v) => v.loss.forEach((l, k) => (v.loss[k] = l + 2 ** -20 * (c.shape[0] ?? 1)))),
    failure: /of row \d+: .*TOL-INV\.1/,
  },
};

describe('every family fails for a broken implementation and passes for accurate', () => {
  it('should have a broken implementation for every family', () => {
    expect(Object.keys(FAMILY_BREAKERS).sort()).toEqual(Object.keys(FAMILIES).sort());
  });

  for (const family of Object.keys(FAMILIES)) {
    it(`should fail ${family} for a broken implementation`, { timeout: 120_000 }, async () => {
      const { impl, failure } = FAMILY_BREAKERS[family]!;
      const { result, passed } = await firstFailure(family, `${family}/`, await impl());
      expect(result?.message, `no failure (seed ${TEST_SEED}): ${passed.join('; ')}`).toMatch(failure);
    });
  }

  // The big rows and the breadth of the language models' forms are left to builtinConformance's
  // tests (one check of each in the short one, all in the long one), which run accurate at a stricter level.
  it('should pass every family for accurate (stable, torch, every loss and dtype)', { timeout: 300_000 }, async () => {
    const report = await runCheck(
      {
        impl: accurate,
        engine,
        level: 'stable',
        scope: TORCH,
        families: Object.keys(FAMILIES),
        runs: 20,
        seed: TEST_SEED,
        only: WITHOUT_LANGUAGE_MODEL_CHECKS,
      },
      'test',
    );
    expect(report.verdict, formatSummary(report)).toBe('conformant');
    expect(report.summary.pass).toBeGreaterThan(report.summary.skip);
  });
});

describe("badInputs draws what a plug-in without the language models' options still answers", () => {
  it('should give softmax CE no z-loss and no soft-cap in its bad cases (none of its mutations needs them)', () => {
    const scope = { losses: ['softmax_cross_entropy' as const], dtypes: DTYPES, profiles: ['torch' as const] };
    for (const family of ['badInputs', 'strictInputs']) {
      const [check] = FAMILIES[family]!(scope);
      const cases = fc.sample(check!.arbitrary, { numRuns: 200, seed: TEST_SEED }).map((b) => check!.caseOf(b));
      expect(cases.filter((c) => 'zLoss' in c || 'logitSoftcap' in c)).toEqual([]);
    }
  });
});
