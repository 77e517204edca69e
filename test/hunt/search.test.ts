import fc from 'fast-check';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lossCase, profileDefines } from '../../properties/arbitraries/lossCase.js';
import { softmaxCase } from '../../properties/arbitraries/softmaxCase.js';
import { decodeCase } from '../../src/case/decode.js';
import { ImplementationFault } from '../../src/case/errors.js';
import { DTYPES, LOSSES, PROFILES } from '../../src/case/types.js';
import { validateCase } from '../../src/case/validate.js';
import { builtIn, type BuiltInName } from '../../src/losses/builtins.js';
import { FORMATS } from '../../src/numeric/dtype.js';
import { bitsOfError, ulpDistance } from '../../src/numeric/ulp.js';
import { createMpfrEngine } from '../../src/reference/mpfrEngine.js';
import { selectChecks } from '../../src/check/plan.js';
import { expectations } from '../../src/check/expectations.js';
import { caseSpace, hunt } from '../../src/hunt/search.js';
import { admissible, withMass } from '../../src/hunt/domain.js';
import { toGenome } from '../../src/hunt/genome.js';
import { mutate } from '../../src/hunt/mutate.js';
import { createRng } from '../../src/hunt/random.js';
import { magnitudeBits, scoreCase } from '../../src/hunt/score.js';
import { simplify } from '../../src/hunt/simplify.js';
import { ACCURATE_BETA } from '../../src/verdict/accurateBound.js';
import type { LevelName } from '../../src/verdict/levels.js';
import { softmaxJson } from '../__helpers__/cases.js';
import { losscheck, losscheckAsync } from '../__helpers__/cli.js';
import { TEST_SEED } from '../setup.js';

const engine = await createMpfrEngine();
afterAll(() => engine.dispose());

const context = (impl: BuiltInName, level: LevelName = 'stable') => ({
  impl: builtIn(impl),
  level,
  expect: expectations({ engine }),
});
const softmaxF64 = selectChecks(['agreement'], {
  losses: ['softmax_cross_entropy'],
  dtypes: ['float64'],
  profiles: ['torch'],
});
/**
 * Realistic starting cases: moderate logits, where random testing of ordinary inputs stays — no
 * z-loss or soft-cap (a z term beside a tiny loss is another way to the same cancellation).
 */
const moderate = () =>
  softmaxCase({ dtype: 'float64', regime: 'moderate', outputs: ['loss', 'grad', 'logProb'], languageModel: false });
const EVALUATIONS = 400;
/** Every significant bit wrong: the error reaches |y| ≥ 2^(p−1) ulp(y). */
const ALL_BITS_LOST = FORMATS.float64.precision - 1;

describe("the hunt's objective (CHK-7.1, on TOL-MAG's magnitude)", () => {
  const u = FORMATS.float64.unitRoundoff;

  it("should be TOL-2's bits where a value's terms do not cancel (M = |y|), within one across a power of 2", () => {
    for (const [actual, expected] of [
      [1 + 4 * u, 1],
      [3, 3],
      [0.75, 0.75 + 2 * u],
    ] as const) {
      expect(magnitudeBits(actual, expected, Math.abs(expected), 'float64')).toBe(
        bitsOfError(ulpDistance(actual, expected, 'float64')),
      );
    }
    // Below 0.5 the spacing halves: one ordinal step is half an ulp of y.
    expect(magnitudeBits(0.5 - u / 2, 0.5, 0.5, 'float64')).toBe(bitsOfError(0.5));
    expect(ulpDistance(0.5 - u / 2, 0.5, 'float64')).toBe(1);
  });

  it('should not count the cancellation a problem has by itself (M ≫ |y|)', () => {
    // A sum of terms of magnitude 1 that cancels to 1e-20: one ulp of 1 is every bit of 1e-20.
    const [actual, expected, magnitude] = [1e-20 + 2 * u, 1e-20, 1];
    expect(bitsOfError(ulpDistance(actual, expected, 'float64'))).toBeGreaterThan(ALL_BITS_LOST);
    expect(magnitudeBits(actual, expected, magnitude, 'float64')).toBe(bitsOfError(1));
  });

  it("should count a non-finite answer to a finite value, or a rejected valid case, as the dtype's width", async () => {
    expect(magnitudeBits(NaN, 1, 1, 'float32')).toBe(FORMATS.float32.width);
    expect(magnitudeBits(Infinity, Infinity, Infinity, 'float32')).toBe(0);
    const rejecting = {
      impl: {
        name: 'rejects',
        evaluate: () => {
          throw new Error('no');
        },
      },
      level: 'stable' as const,
      expect: expectations({ engine }),
    };
    expect((await scoreCase(softmaxJson(), rejecting))?.worst).toEqual({
      score: FORMATS.float64.width,
      width: FORMATS.float64.width,
      message: 'rejected a valid case: no',
    });
  });

  it("should count no answer at all (a fault, FMT-5.3) as the dtype's width, naming it", async () => {
    const hanging = {
      impl: {
        name: 'hangs',
        evaluate: () => {
          throw new ImplementationFault('timeout', 'gave no answer within 10 s');
        },
      },
      level: 'stable' as const,
      expect: expectations({ engine }),
    };
    expect((await scoreCase(softmaxJson(), hanging))?.worst).toEqual({
      score: FORMATS.float64.width,
      width: FORMATS.float64.width,
      message: 'timeout: gave no answer within 10 s',
    });
  });
});

describe("the hunt's mutations (CHK-7.2)", () => {
  it('should keep every child a valid case of its profile, with no row whose spread overflows the dtype', () => {
    const scope = fc.record({
      loss: fc.constantFrom(...LOSSES),
      dtype: fc.constantFrom(...DTYPES),
      profile: fc.constantFrom(...PROFILES),
    });
    const anyCase = scope.filter(({ loss, profile }) => profileDefines(loss, profile)).chain((s) => lossCase(s));
    fc.assert(
      fc.property(anyCase, fc.integer(), (json, seed) => {
        const child = mutate(json, createRng(seed));
        validateCase(decodeCase(child));
        expect(admissible(toGenome(child))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("should give weight back to the mean's denominator when every kept target weighs 0 (RED-4)", () => {
    const g = toGenome(softmaxJson({ target: [1, -100], weight: [1, 0, 3] }));
    expect(withMass(g).weight).toEqual([1, 1, 3]);
    expect(withMass(toGenome(softmaxJson({ target: [0, 1], weight: [1, 0, 3] }))).weight).toEqual([1, 0, 3]);
  });
});

describe('the search (CHK-7.2)', () => {
  it('should visit the same cases for the same seed and number of evaluations', async () => {
    const once = () => hunt({ ctx: context('fused'), islands: softmaxF64, seed: TEST_SEED, evaluations: 60 });
    const [a, b] = [await once(), await once()];
    expect(a.evaluations).toBe(60);
    expect(a.worst?.best).toEqual(b.worst?.best);
  });

  it('should find fused losing every significant bit (a tiny loss cancelled to 0) where random sampling does not', async () => {
    const found = await hunt({
      ctx: context('fused'),
      islands: softmaxF64,
      seed: TEST_SEED,
      evaluations: EVALUATIONS,
      space: { ...caseSpace(context('fused')), start: moderate },
    });
    let sampled = 0;
    for (const json of fc.sample(moderate(), { seed: TEST_SEED, numRuns: EVALUATIONS }))
      sampled = Math.max(sampled, (await scoreCase(json, context('fused')))?.worst.score ?? 0);
    expect(found.worst!.best!.worst.score).toBeGreaterThanOrEqual(ALL_BITS_LOST);
    expect(sampled).toBeLessThan(ALL_BITS_LOST);
    expect((await softmaxF64[0]!.judge(found.worst!.best!.input, context('fused', 'accurate'))).status).toBe('fail');
  });

  it('should find accurate within its proven bound, with the same search', async () => {
    const found = await hunt({
      ctx: context('accurate'),
      islands: softmaxF64,
      seed: TEST_SEED,
      evaluations: EVALUATIONS,
      space: { ...caseSpace(context('accurate')), start: moderate },
    });
    // TOL-ACC: |ŷ − y| ≤ β·u·M + η, plus the final rounding: at most β + 1 ulps of M.
    const beta = Math.max(...Object.values(ACCURATE_BETA.softmax_cross_entropy));
    expect(found.worst!.best!.worst.score).toBeLessThanOrEqual(bitsOfError(beta + 1));
    expect((await softmaxF64[0]!.judge(found.worst!.best!.input, context('accurate', 'accurate'))).status).toBe('pass');
  });
});

describe("the hunt's report (CHK-7.3)", () => {
  it('should simplify the worst case while it stays as bad: one position, options dropped', async () => {
    const ctx = context('fused');
    const batch = softmaxJson({
      shape: [3, 3],
      input: [1, 2, 3, 40, 0, 0, 0.5, -1, 0],
      target: [0, 0, 2],
      weight: [1, 2, 3],
      labelSmoothing: 0,
      reduction: 'none',
      outputs: ['loss'],
    });
    const found = (await scoreCase(batch, ctx))!;
    const simplest = await simplify(found, (json) => scoreCase(json, ctx));
    expect(simplest.worst.score).toBeGreaterThanOrEqual(found.worst.score);
    expect(simplest.input).toEqual({
      ...batch,
      shape: [1, 3],
      input: [40, 0, 0],
      target: [0],
      weight: undefined,
      labelSmoothing: 0,
    });
  });
});

describe('losscheck hunt (CHK-7.3)', () => {
  it('should report the worst case with its verdict, save it to the corpus, and replay judges it the same', () => {
    const corpus = join(mkdtempSync(join(tmpdir(), 'losscheck-hunt-')), 'corpus');
    const args = ['--impl', 'fused', '--loss', 'softmax_cross_entropy', '--dtype', 'float64', '--level', 'accurate'];
    const r = losscheck(['hunt', ...args, '--evaluations', '300', '--seed', String(TEST_SEED), '--corpus', corpus]);
    // An island whose worst case is as bad as an answer can be stops early.
    expect(r.stdout).toMatch(
      /^losscheck hunt: fused, seed \d+, (\d+) evaluations in [\d.]+ s \(reproduce: --seed \d+ --evaluations \1\)$/m,
    );
    expect(r.stdout).toMatch(
      /^worst: agreement\/softmax_cross_entropy\/float64\/torch, [\d.]+ bits of its magnitude \(CHK-7\.1\)$/m,
    );
    expect(r.stdout).toMatch(
      /^ {2}(loss|grad|logProb)\[\d+\] = .*, expected .* \(\d+ ULPs, [\d.]+ bits, TOL-1, TOL-2\)$/m,
    );
    const file = /^saved: (\S+)/m.exec(r.stdout)![1]!;
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      check: 'agreement/softmax_cross_entropy/float64/torch',
      case: expect.any(Object),
    });
    expect([r.status, r.stdout]).toEqual([1, expect.stringMatching(/^FAIL at level accurate: /m)]);
    expect(losscheck(['replay', file, '--impl', 'fused', '--level', 'accurate']).status).toBe(1);
  });

  it('should find the same worst case on one worker and on two (CHK-10), and again from its reproduce line', async () => {
    const scope = ['--loss', 'softmax_cross_entropy,binary_cross_entropy', '--dtype', 'float32'];
    const hunted = async (workers: number, evaluations: string) => {
      const corpus = join(mkdtempSync(join(tmpdir(), 'losscheck-hunt-')), 'corpus');
      const args = ['--seed', String(TEST_SEED), '--corpus', corpus, '--workers', String(workers)];
      const r = await losscheckAsync(['hunt', '--impl', 'naive', ...scope, '--evaluations', evaluations, ...args]);
      const stdout = r.stdout.replace(/ in [\d.]+ s /, ' in T s ').replaceAll(corpus, 'CORPUS');
      return { status: r.status, stderr: r.stderr, stdout };
    };
    const [one, two] = await Promise.all([hunted(1, '60'), hunted(2, '60')]);
    expect(two).toEqual(one);
    expect(one.stdout.match(/^ {2}agreement\//gm)).toHaveLength(2);
    // An island whose worst is as bad as an answer can be stops early: each island's count is printed.
    const counted =
      /^losscheck hunt: naive, seed \d+, (\d+) evaluations in T s \(reproduce: --seed \d+ --evaluations ([\d,]+)\)$/m;
    const [, total, reproduce] = counted.exec(one.stdout)!;
    expect(reproduce!.split(',').reduce((a, b) => a + Number(b), 0)).toBe(Number(total));
    expect(await hunted(2, reproduce!)).toEqual(one);
  });

  it('should refuse a hunt over several profiles (CLI-2)', () => {
    const r = losscheck(['hunt', '--impl', 'fused', '--profile', 'torch,onnx', '--evaluations', '1']);
    expect([r.status, r.stderr]).toEqual([2, 'losscheck: --profile takes one profile for a hunt; got "torch,onnx"\n']);
  });
});
