import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { judgeAgainstReference } from '../../properties/families/judge.js';
import type { Implementation } from '../../src/adapters/types.js';
import type { LossCase, LossValues } from '../../src/case/types.js';
import { builtIn } from '../../src/losses/builtins.js';
import { createMpfrEngine } from '../../src/reference/mpfrEngine.js';
import type { CheckResult } from '../../src/report/types.js';
import { runCheck, type CheckRunOptions } from '../../src/check/run.js';
import { selectChecks } from '../../src/check/plan.js';
import { expectations } from '../../src/check/expectations.js';
import { runProperty } from '../../src/check/property.js';
import { softmaxJson } from '../__helpers__/cases.js';
import { TEST_SEED } from '../setup.js';

const engine = await createMpfrEngine();
afterAll(() => engine.dispose());

const scope = { losses: ['softmax_cross_entropy'], dtypes: ['float32'], profiles: ['torch'] } as const;

const run = (impl: Implementation, over: Partial<CheckRunOptions> = {}) =>
  runCheck(
    { impl, engine, level: 'stable', scope, families: ['spec', 'agreement'], runs: 20, seed: TEST_SEED, ...over },
    'test',
  );

/** What a result says, without its timing. */
const essence = ({ seconds: _, ...r }: CheckResult) => r;

describe('reproducibility (CHK-2)', () => {
  it('should give the same results, counterexamples included, for the same seed', async () => {
    const [first, second] = [await run(builtIn('naive')), await run(builtIn('naive'))];
    expect(first.results.map(essence)).toEqual(second.results.map(essence));
    expect(first.summary.fail).toBeGreaterThan(0);
  });

  it('should report a shrunk failure with the seed and the path that replay it alone', async () => {
    const report = await run(builtIn('naive'), { families: ['agreement'] });
    const failure = report.results.find((r) => r.status === 'fail')!;
    expect(failure).toMatchObject({
      seed: TEST_SEED,
      path: expect.any(String),
      ulps: expect.any(Number),
      bits: expect.any(Number),
    });
    const check = selectChecks(['agreement'], scope).find((c) => c.id === failure.check)!;
    const ctx = { impl: builtIn('naive'), level: 'stable' as const, expect: expectations({ engine }) };
    const replayed = await runProperty(check, ctx, { seed: failure.seed!, numRuns: 20, path: failure.path });
    expect(replayed.counterexample).toEqual(failure.counterexample);
  });
});

describe('the corpus (CHK-3)', () => {
  it('should save each shrunk failure, and replay the corpus first on the next run', async () => {
    const corpus = join(mkdtempSync(join(tmpdir(), 'losscheck-corpus-')), 'corpus');
    const found = await run(builtIn('naive'), { corpus, saveTo: corpus });
    const files = readdirSync(corpus);
    expect(files).toHaveLength(found.summary.fail);
    const entry = JSON.parse(readFileSync(join(corpus, files[0]!), 'utf8'));
    expect(Object.keys(entry).sort()).toEqual(['case', 'check', 'message', 'path', 'seed']);
    const fixed = await run(builtIn('accurate'), { corpus });
    const replays = fixed.results.slice(0, files.length);
    expect(replays.map((r) => [r.family, r.status])).toEqual(files.map(() => ['corpus', 'pass']));
    expect(replays.map((r) => r.check).sort()).toEqual(
      found.results
        .filter((r) => r.status === 'fail')
        .map((r) => `corpus/${r.check}`)
        .sort(),
    );
  });

  // A pinned replay (manifest[I]/CHECK) is a replay, as a corpus replay is: not a new counterexample.
  it("should not save a manifest's pinned counterexample again when its replay fails (CHK-4.1)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'losscheck-pinned-'));
    await run(builtIn('naive'), { families: ['agreement'], saveTo: join(dir, 'found') });
    const pinned = join(dir, 'found', readdirSync(join(dir, 'found'))[0]!);
    const { check } = JSON.parse(readFileSync(pinned, 'utf8')) as { check: string };
    const manifest = { deviations: [{ check, reason: 'softmax, then log', counterexample: pinned }] };
    const corpus = join(dir, 'corpus');
    const report = await run(builtIn('naive'), { families: ['agreement'], manifest, saveTo: corpus });
    expect(report.results.find((r) => r.family === 'manifest')).toMatchObject({ check: `manifest[0]/${check}` });
    const saved = readdirSync(corpus).map(
      (n) => (JSON.parse(readFileSync(join(corpus, n), 'utf8')) as { check: string }).check,
    );
    expect(saved.length).toBeGreaterThan(0);
    expect(saved.filter((c) => c.startsWith('manifest'))).toEqual([]);
  });

  it('should treat a missing corpus directory as empty', async () => {
    const corpus = join(tmpdir(), 'losscheck-no-such-corpus', String(TEST_SEED));
    const report = await run(builtIn('accurate'), { corpus, families: ['spec'] });
    expect(report.results.some((r) => r.family === 'corpus')).toBe(false);
    expect(existsSync(corpus)).toBe(false);
  });
});

describe('sharding (CHK-5)', () => {
  it('should split the checks so that the shards together give the unsharded results', async () => {
    const whole = await run(builtIn('naive'));
    const shards = [await run(builtIn('naive'), { shard: [0, 2] }), await run(builtIn('naive'), { shard: [1, 2] })];
    expect(shards.every((s) => s.results.length < whole.results.length)).toBe(true);
    const byCheck = (rs: readonly CheckResult[]) => rs.map(essence).sort((a, b) => a.check.localeCompare(b.check));
    expect(byCheck(shards.flatMap((s) => s.results))).toEqual(byCheck(whole.results));
  });
});

describe('the case domain (CHK-6)', () => {
  const answersEverything: Implementation = {
    name: 'answers-everything',
    evaluate: () => ({ loss: Float64Array.of(1) }),
  };
  const ctx = { impl: answersEverything, level: 'stable' as const, expect: expectations({ engine }) };

  it('should accept any answer to a case outside the domain: a value that is not a member of the dtype', async () => {
    const judgement = await judgeAgainstReference(
      softmaxJson({ dtype: 'float32', input: [0.1, 2, 3, 0.5, -1, 0] }),
      ctx,
    );
    expect(judgement).toMatchObject({ status: 'skip', reason: expect.stringContaining('not_representable') });
  });

  it('should fail values for a case the profile rejects', async () => {
    const judgement = await judgeAgainstReference(softmaxJson({ target: [0, 7] }), ctx);
    expect(judgement).toMatchObject({
      status: 'fail',
      kind: 'accepted-invalid',
      message: expect.stringContaining('label_out_of_range'),
    });
  });
});

describe('the kind of a failure, decided where it is judged (REP-7)', () => {
  const answering = (name: string, values: (c: LossCase) => LossValues): Implementation => ({
    name,
    evaluate: values,
  });
  const judge = (impl: Implementation, over = {}) =>
    judgeAgainstReference(softmaxJson({ outputs: ['loss'], ...over }), {
      impl,
      level: 'stable',
      expect: expectations({ engine }),
    });

  it('should tell a non-finite value, a finite one beyond the level, a special value not matched', async () => {
    const nan = await judge(answering('nan', () => ({ loss: Float64Array.of(NaN) })));
    expect(nan).toMatchObject({
      status: 'fail',
      kind: 'non-finite',
      value: { output: 'loss', index: 0, actual: 'NaN' },
    });
    const off = await judge(answering('off', () => ({ loss: Float64Array.of(0.5) })));
    expect(off).toMatchObject({ status: 'fail', kind: 'beyond-level', value: { output: 'loss', actual: 0.5 } });
    // A NaN logit makes the exact loss NaN (the profile's special value): a number there is a mismatch.
    const special = await judge(
      answering('number', () => ({ loss: Float64Array.of(1) })),
      {
        input: [NaN, 2, 3, 0.5, -1, 0],
      },
    );
    expect(special).toMatchObject({ status: 'fail', kind: 'semantic' });
  });

  it('should tell a valid case rejected and an output missing', async () => {
    expect(
      await judge(
        answering('rejects', () => {
          throw new Error('no');
        }),
      ),
    ).toMatchObject({ kind: 'rejected-valid' });
    expect(await judge(answering('empty', () => ({ loss: new Float64Array(0) })))).toMatchObject({
      kind: 'missing-output',
    });
  });
});

describe('implementations without gradients (CHK-9)', () => {
  /** Like ONNX Runtime's inference sessions: refuses `grad`, answers the rest with `values`. */
  const withoutGradients = (name: string, values: (c: LossCase) => LossValues): Implementation => ({
    name,
    supports: (c) => (c.outputs.includes('grad') ? 'no gradients' : true),
    evaluate: values,
  });
  const accurate = builtIn('accurate');
  const caseAskingForGrad = softmaxJson({ outputs: ['loss', 'grad', 'logProb'] });

  it('should judge the outputs it gives, without grad, and pass them when they are right', async () => {
    const impl = withoutGradients('no-grad', (c) => accurate.evaluate(c) as LossValues);
    expect(
      await judgeAgainstReference(caseAskingForGrad, { impl, level: 'stable', expect: expectations({ engine }) }),
    ).toEqual({ status: 'pass' });
  });

  it('should still fail a wrong loss from such an implementation', async () => {
    const impl = withoutGradients('no-grad-wrong', (c) => ({
      ...(accurate.evaluate(c) as LossValues),
      loss: Float64Array.of(0.5),
    }));
    const judgement = await judgeAgainstReference(caseAskingForGrad, {
      impl,
      level: 'stable',
      expect: expectations({ engine }),
    });
    expect(judgement).toMatchObject({
      status: 'fail',
      kind: 'beyond-level',
      message: expect.stringContaining('loss[0]'),
    });
  });

  it('should skip, with its reason, what it refuses even without grad', async () => {
    const impl: Implementation = {
      name: 'refuses',
      supports: () => 'not today',
      evaluate: () => ({ loss: Float64Array.of(0) }),
    };
    expect(
      await judgeAgainstReference(caseAskingForGrad, { impl, level: 'stable', expect: expectations({ engine }) }),
    ).toEqual({ status: 'skip', reason: 'not today' });
  });
});

describe('coverage by regime (REG-3)', () => {
  it('should count the cases judged per regime, and fail a run where a regime got fewer than --min-coverage', async () => {
    const accurate = builtIn('accurate');
    const plain = await run(accurate, { families: ['agreement'] });
    expect(plain.verdict).toBe('conformant');
    const [counted] = plain.regimes;
    expect(counted).toMatchObject({ loss: 'softmax_cross_entropy', dtype: 'float32' });
    expect(counted!.cases).toBeGreaterThan(0);
    const fewest = Math.min(...Object.values(counted!.regimes));
    const short = await run(accurate, { families: ['agreement'], minCoverage: fewest + 1 });
    expect(short.verdict).toBe('nonconformant');
    const atFewest = Object.entries(counted!.regimes).filter(([, n]) => n === fewest);
    expect(short.shortfalls).toEqual(
      atFewest.map(([regime]) => ({ loss: 'softmax_cross_entropy', dtype: 'float32', regime, cases: fewest })),
    );
  });
});
