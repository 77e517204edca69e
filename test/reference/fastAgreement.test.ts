import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DTYPES } from '../../src/case/types.js';
import { roundTo } from '../../src/numeric/dtype.js';
import type { ReferenceEngine } from '../../src/reference/arithmetic.js';
import { UndeterminedError, certifyValue, certifyValues, type EvaluateValue } from '../../src/reference/ziv.js';
import { CASCADES, decimalEngine, fastEngine, mpfrEngine } from './engines.js';
import { evaluateSample, lossSampleArbitrary, type LossSample } from './lossExpressions.js';
import { evaluateNearTie, nearTieArbitrary, nearTieExpected, type NearTie } from './nearTies.js';
import { softmaxRowCount, softmaxRowValues } from './softmaxRow.js';

const SEED = 20260412;
const [decimalCascade, mpfrCascade] = [CASCADES[0].cascade, CASCADES[1].cascade];

const ofSample =
  (sample: LossSample): EvaluateValue =>
  (a) =>
    evaluateSample(a, sample);
const ofTie =
  (tie: NearTie): EvaluateValue =>
  (a) =>
    evaluateNearTie(a, tie);

function certified(engine: ReferenceEngine, dtype: LossSample['dtype'], evaluate: EvaluateValue): number {
  return certifyValue(engine, dtype, evaluate).value;
}

/** The fast engine alone, at its one precision: the value, or undefined when it cannot decide. */
function fastAlone(dtype: LossSample['dtype'], evaluate: EvaluateValue): number | undefined {
  try {
    return certifyValue(fastEngine, dtype, evaluate).value;
  } catch (error) {
    if (error instanceof UndeterminedError) return undefined;
    throw error;
  }
}

describe('the fast engine and its cascades against decimal.js and MPFR (REF-8.2, REF-12, REF-13.1, REF-13.2, REF-13.3)', () => {
  it('should round 2000 seeded loss-like expressions as MPFR does, alone when it decides and in the cascade always', () => {
    const samples = fc.sample(lossSampleArbitrary(), { seed: SEED, numRuns: 2000 });
    let decided = 0;
    for (const sample of samples) {
      const expected = certified(mpfrEngine, sample.dtype, ofSample(sample));
      const alone = fastAlone(sample.dtype, ofSample(sample));
      if (alone !== undefined) expect(Object.is(alone, expected), JSON.stringify(sample)).toBe(true);
      decided += alone === undefined ? 0 : 1;
      expect(Object.is(certified(mpfrCascade, sample.dtype, ofSample(sample)), expected), JSON.stringify(sample)).toBe(
        true,
      );
    }
    expect(decided, 'expressions the fast engine decides alone').toBeGreaterThan(samples.length / 2);
  });

  it('should round 300 seeded loss-like expressions as decimal.js does, alone and in the cascade', () => {
    const samples = fc.sample(lossSampleArbitrary(), { seed: SEED + 1, numRuns: 300 });
    let decided = 0;
    for (const sample of samples) {
      const expected = certified(decimalEngine, sample.dtype, ofSample(sample));
      const alone = fastAlone(sample.dtype, ofSample(sample));
      if (alone !== undefined) expect(Object.is(alone, expected), JSON.stringify(sample)).toBe(true);
      decided += alone === undefined ? 0 : 1;
      expect(
        Object.is(certified(decimalCascade, sample.dtype, ofSample(sample)), expected),
        JSON.stringify(sample),
      ).toBe(true);
    }
    expect(decided, 'expressions the fast engine decides alone').toBeGreaterThan(samples.length / 2);
  });

  it('should agree with both engines on loss expressions and near ties, falling back where it must (property)', () => {
    const [settledFast, fellBack] = [{ count: 0 }, { count: 0 }];
    const cases = fc.oneof(
      lossSampleArbitrary().map((sample) => ({
        dtype: sample.dtype,
        evaluate: ofSample(sample),
        expected: undefined as number | undefined,
      })),
      nearTieArbitrary().map((tie) => ({
        dtype: tie.dtype,
        evaluate: ofTie(tie),
        expected: nearTieExpected(tie) as number | undefined,
      })),
    );
    fc.assert(
      fc.property(cases, ({ dtype, evaluate, expected }) => {
        const { value, stats } = certifyValue(mpfrCascade, dtype, evaluate);
        (stats.attempts > 1 ? fellBack : settledFast).count += 1;
        expect(Object.is(value, certified(mpfrEngine, dtype, evaluate))).toBe(true);
        expect(Object.is(value, certified(decimalEngine, dtype, evaluate))).toBe(true);
        expect(Object.is(certified(decimalCascade, dtype, evaluate), value)).toBe(true);
        if (expected !== undefined) expect(Object.is(value, expected)).toBe(true);
      }),
      { numRuns: 400, seed: SEED + 2 },
    );
    // Both paths were taken: the fast engine settled values, and the slow engine the near ties it could not.
    expect(settledFast.count).toBeGreaterThan(0);
    expect(fellBack.count).toBeGreaterThan(0);
  });

  it('should certify whole softmax rows (loss, gradient, log-softmax) as the slow engines do', () => {
    const rows = fc.constantFrom(...DTYPES).chain((dtype) =>
      fc.record({
        dtype: fc.constant(dtype),
        logits: fc
          .array(fc.double({ min: -60, max: 60, noNaN: true }), { minLength: 2, maxLength: 40 })
          .map((xs) => Float64Array.from(xs, roundTo(dtype))),
        target: fc.nat(39),
      }),
    );
    for (const { dtype, logits, target } of fc.sample(rows, { seed: SEED + 3, numRuns: 30 })) {
      const evaluate = softmaxRowValues(logits, target % logits.length);
      const count = softmaxRowCount(logits.length);
      const slow = certifyValues(mpfrEngine, dtype, count, evaluate).values;
      for (const { cascade } of CASCADES) {
        const values = certifyValues(cascade, dtype, count, evaluate).values;
        expect(values.every((v, i) => Object.is(v, slow[i]))).toBe(true);
      }
    }
  });
});
