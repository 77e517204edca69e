/**
 * An implementation is judged on the outputs it offers (spec/formats.md#CHK-9): what it declines
 * or leaves out is coverage, unless `--require` names it; relations run on what is offered.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { offered } from '../../properties/families/offered.js';
import type { CheckContext } from '../../properties/families/family.js';
import { judgeAgainstReference } from '../../properties/families/judge.js';
import { resolveImplementation } from '../../src/adapters/registry.js';
import type { Implementation } from '../../src/adapters/types.js';
import { Coverage } from '../../src/check/coverage.js';
import { expectations } from '../../src/check/expectations.js';
import { runCheck } from '../../src/check/run.js';
import type { LossCase, LossValues } from '../../src/case/types.js';
import { builtIn } from '../../src/losses/builtins.js';
import { createReferenceEngine } from '../../src/reference/engines.js';
import { softmaxJson } from '../__helpers__/cases.js';
import { TEST_SEED } from '../setup.js';

const engine = await createReferenceEngine();
afterAll(() => engine.dispose());

const accurate = builtIn('accurate');
const values = (c: LossCase) => accurate.evaluate(c) as LossValues;

/** A first adapter: the loss, and nothing else, whatever the case asks for. */
const lossOnly: Implementation = { name: 'loss-only', evaluate: (c) => ({ loss: values(c).loss }) };

/** Declines `grad` through `supports`, gives `logProb` from `logProbOf`. */
const withoutGradients = (logProbOf = (c: LossCase) => values(c).logProb): Implementation => ({
  name: 'no-grad',
  supports: (c) => (c.outputs.includes('grad') ? 'no gradients here' : true),
  evaluate: (c) => ({ loss: values(c).loss, logProb: c.outputs.includes('logProb') ? logProbOf(c) : undefined }),
});

const context = (impl: Implementation, require: string[] = []): CheckContext => ({
  impl,
  level: 'stable',
  expect: expectations({ engine }),
  require,
  coverage: new Coverage(),
});

const everything = softmaxJson({ dtype: 'float32', outputs: ['loss', 'grad', 'logProb'] });

describe('what an implementation offers (CHK-9)', () => {
  it('should ask again without a declined output, judge the others, and record it as not offered', async () => {
    const ctx = context(withoutGradients());
    const answer = await offered(ctx, everything);
    expect(answer.json.outputs).toEqual(['loss', 'logProb']);
    expect(
      Object.keys(answer.result).filter((k) => (answer.result as Record<string, unknown>)[k] !== undefined),
    ).toEqual(expect.arrayContaining(['loss', 'logProb']));
    expect(ctx.coverage!.list()).toEqual([
      { loss: 'softmax_cross_entropy', dtype: 'float32', output: 'grad', reasons: ['no gradients here'] },
    ]);
    expect(await judgeAgainstReference(everything, ctx)).toEqual({ status: 'pass' });
  });

  it('should still judge what is offered: a wrong logProb beside a declined grad fails', async () => {
    const wrong = withoutGradients((c) => values(c).logProb!.map((v) => v + 0.5));
    const judgement = await judgeAgainstReference(everything, context(wrong));
    expect(judgement).toMatchObject({ status: 'fail', message: expect.stringMatching(/^logProb\[/) });
  });

  it('should treat an output absent from the result like a declined one', async () => {
    const ctx = context(lossOnly);
    expect(await judgeAgainstReference(everything, ctx)).toEqual({ status: 'pass' });
    expect(ctx.coverage!.list().map((n) => [n.output, n.reasons])).toEqual([
      ['grad', ['absent from its result']],
      ['logProb', ['absent from its result']],
    ]);
  });

  it('should fail an output --require names, saying which and why', async () => {
    const judgement = await judgeAgainstReference(everything, context(lossOnly, ['grad']));
    expect(judgement).toEqual({
      status: 'fail',
      kind: 'missing-output',
      message: 'grad is not offered (absent from its result): --require grad makes that a failure (CHK-9)',
    });
  });

  it('should record a case declined whole as its loss not offered, and skip it', async () => {
    const ctx = context({
      name: 'none',
      supports: () => 'float64 only',
      evaluate: () => ({ loss: Float64Array.of(0) }),
    });
    expect(await judgeAgainstReference(everything, ctx)).toEqual({ status: 'skip', reason: 'float64 only' });
    expect(ctx.coverage!.list()).toEqual([
      { loss: 'softmax_cross_entropy', dtype: 'float32', output: 'loss', reasons: ['float64 only'] },
    ]);
  });
});

describe('a conformance run on the outputs offered (CHK-9, REP-1)', () => {
  const scope = {
    losses: ['softmax_cross_entropy', 'binary_cross_entropy_with_logits'],
    dtypes: ['float64'],
    profiles: ['torch'],
  } as const;
  const run = (impl: Implementation, require: string[] = [], families = ['spec', 'agreement', 'invariants']) =>
    runCheck({ impl, engine, level: 'stable', scope, families, runs: 5, seed: TEST_SEED, require }, 'test');

  it('should find a loss-only plug-in conformant, relations judged on the loss, coverage listing the rest', async () => {
    const report = await run(lossOnly);
    expect(report.verdict).toBe('conformant');
    expect(report.notOffered.map((n) => `${n.output}/${n.loss}`)).toEqual([
      'grad/softmax_cross_entropy',
      'logProb/softmax_cross_entropy',
      'lse/softmax_cross_entropy',
      'grad/binary_cross_entropy_with_logits',
    ]);
    const shift = report.results.find((r) => r.check === 'invariants/shift/softmax_cross_entropy/float64/torch')!;
    expect(shift.status).toBe('pass');
    const gradientOnly = report.results.find((r) => r.check.startsWith('invariants/gradientSum/'))!;
    expect(gradientOnly).toMatchObject({ status: 'skip', reason: expect.stringContaining('grad') });
    const zTerm = report.results.find((r) => r.check === 'invariants/zLoss/softmax_cross_entropy/float64/torch')!;
    expect(zTerm).toMatchObject({ status: 'skip', reason: expect.stringContaining('lse') });
  });

  it('should fail the same plug-in under --require grad', async () => {
    const report = await run(lossOnly, ['grad'], ['spec', 'agreement']);
    expect(report.verdict).toBe('nonconformant');
    expect(report.require).toEqual(['grad']);
    expect(report.results.find((r) => r.status === 'fail')!.message).toContain('--require grad');
  });

  it('should run most of ONNX Runtime invariants on its losses: only those on gradients alone skip', async () => {
    const ort = await resolveImplementation('ort');
    try {
      const report = await runCheck(
        {
          impl: ort,
          engine,
          level: 'stable',
          scope: { losses: scope.losses, dtypes: ['float32'], profiles: ['onnx'] },
          families: ['invariants'],
          runs: 3,
          seed: TEST_SEED,
        },
        'test',
      );
      const skipped = report.results.filter((r) => r.status === 'skip').map((r) => r.check.split('/')[1]);
      expect(new Set(skipped)).toEqual(new Set(['gradientSum', 'finiteDifference']));
      expect(report.summary.pass).toBeGreaterThan(3 * skipped.length);
      expect(report.summary.fail + report.summary.error).toBe(0);
    } finally {
      await ort.close?.();
    }
  });
});
