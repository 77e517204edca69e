import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certifyValue } from '../../src/reference/ziv.js';
import type { IntervalArithmetic, ReferenceEngine } from '../../src/reference/arithmetic.js';
import { consistent, decimalEngine, enclosureAt, mpfrEngine } from './engines.js';
import { evaluateSample, lossSampleArbitrary, type LossSample } from './lossExpressions.js';

const SEED = 20260311;

function certifiedBy(engine: ReferenceEngine, sample: LossSample): number {
  return certifyValue(engine, sample.dtype, (a) => evaluateSample(a, sample)).value;
}

describe('decimal.js and MPFR engines (REF-8.1, REF-8.2)', () => {
  it('should round 2000 seeded loss-like expressions to the same dtype value, bit for bit', () => {
    const samples = fc.sample(lossSampleArbitrary(), { seed: SEED, numRuns: 2000 });
    const disagreements = samples.filter(
      (sample) => !Object.is(certifiedBy(mpfrEngine, sample), certifiedBy(decimalEngine, sample)),
    );
    expect(disagreements).toEqual([]);
  });

  it('should agree bit for bit after rounding (property, fixed seed)', () => {
    fc.assert(
      fc.property(lossSampleArbitrary(), (sample) => {
        const [decimal, mpfr] = [certifiedBy(decimalEngine, sample), certifiedBy(mpfrEngine, sample)];
        expect(Object.is(decimal, mpfr), `${decimal} vs ${mpfr}`).toBe(true);
      }),
      { numRuns: 300, seed: SEED + 1 },
    );
  });

  it("should each contain the other's 1024-bit enclosure at 128 bits (ends printed outward)", () => {
    const samples = fc.sample(lossSampleArbitrary(), { seed: SEED + 2, numRuns: 150 });
    for (const sample of samples) {
      const evaluate = <I>(a: IntervalArithmetic<I>): I => evaluateSample(a, sample);
      const wide = [enclosureAt(decimalEngine, 128, evaluate), enclosureAt(mpfrEngine, 128, evaluate)];
      const narrow = [enclosureAt(mpfrEngine, 1024, evaluate, 320), enclosureAt(decimalEngine, 1024, evaluate, 320)];
      expect(consistent(wide[0]!, narrow[0]!), JSON.stringify(sample)).toBe(true);
      expect(consistent(wide[1]!, narrow[1]!), JSON.stringify(sample)).toBe(true);
    }
  });
});
