import { afterAll, describe, expect, it } from 'vitest';
import { decodeCase } from '../../src/case/decode.js';
import { PROFILES, type LossValues, type OutputName } from '../../src/case/types.js';
import { validateCase } from '../../src/case/validate.js';
import type { ReferenceEngine } from '../../src/reference/arithmetic.js';
import { createDecimalEngine } from '../../src/reference/decimalEngine.js';
import { createReferenceEngine } from '../../src/reference/engines.js';
import { createMpfrEngine } from '../../src/reference/mpfrEngine.js';
import { evaluateReference } from '../../src/reference/reference.js';
import { ulpDistance } from '../../src/numeric/ulp.js';
import type { CaseJson } from '../__helpers__/cases.js';
import { oracle } from '../__helpers__/oracle.js';
import { skipWithout } from '../__helpers__/python.js';
import { softmaxJson } from '../__helpers__/cases.js';
import { HARD_CASES, PROFILE_CASES, sampledCases } from '../__helpers__/samples.js';

const decimal = createDecimalEngine();
const mpfr = await createMpfrEngine();
// What `--impl reference` runs: the fast engine, decimal.js behind it (REF-13).
const shipped = await createReferenceEngine('decimal');
afterAll(() => {
  for (const engine of [decimal, mpfr, shipped]) engine.dispose();
});

const certified = (json: CaseJson, engine: ReferenceEngine = shipped): LossValues =>
  evaluateReference(validateCase(decodeCase(json)), engine).values;

/** Values that differ (in ULPs, TOL-1) between the reference and the oracle, as messages. */
function disagreements(cases: CaseJson[]): string[] {
  const out: string[] = [];
  oracle(cases).forEach((result, i) => {
    const c = decodeCase(cases[i]!);
    if ('error' in result) return void out.push(`${c.id}: the oracle rejects a valid case: ${result.error}`);
    const values = certified(cases[i]!);
    for (const [name, want] of Object.entries(result.outputs) as [OutputName, { expected: Float64Array }][]) {
      want.expected.forEach((v, k) => {
        const got = values[name]![k]!;
        if (ulpDistance(got, v, c.dtype) !== 0)
          out.push(`${c.id} ${name}[${k}]: reference ${got}, oracle ${v}\n    ${JSON.stringify(cases[i])}`);
      });
    }
  });
  return out;
}

describe.skipIf(skipWithout('mpmath'))('the reference against the independent oracle (DT-3, TOL-6, REF-10.1)', () => {
  it('should be bit-identical on sampled cases of every loss, profile and dtype', () => {
    expect(disagreements(sampledCases(6)).slice(0, 8)).toEqual([]);
  });

  it('should be bit-identical on the hard cases: tiny losses beside large logits, ties, differences beyond the double range (REF-10.3)', () => {
    expect(disagreements(HARD_CASES).slice(0, 8)).toEqual([]);
  });

  it("should be bit-identical on each profile's own semantics: keras rows, labels, ignored rows and gradient, optax NaN labels (PRO-18, PRO-19, PRO-21, GRAD-2, GRAD-3)", () => {
    expect(disagreements(PROFILE_CASES).slice(0, 8)).toEqual([]);
  });

  it('should draw its sampled cases from every profile', () => {
    expect(new Set(sampledCases(1).map((c) => c.profile))).toEqual(new Set(PROFILES));
  });
});

describe('the reference on its engines (REF-8, REF-13)', () => {
  it('should give the same values on decimal.js, on MPFR and on the fast engine in front of decimal.js', () => {
    for (const json of [...sampledCases(2, 500), ...HARD_CASES.filter((c) => c.id !== 'wide')]) {
      const slow = certified(json, decimal);
      expect(slow, String(json.id)).toEqual(certified(json, mpfr));
      expect(slow, String(json.id)).toEqual(certified(json));
    }
  });
});

describe('the loss evaluation (REF-10.2, REF-10.4, REF-10.5)', () => {
  const run = (json: CaseJson) => evaluateReference(validateCase(decodeCase(json)), shipped);

  it('should give an exactly cancelling gradient as an exact +0 at the first attempt: a tie row against a uniform target', () => {
    const { values, stats } = run(
      softmaxJson({
        shape: [1, 4],
        input: [3, 3, 3, 3],
        targetKind: 'probability',
        target: [0.25, 0.25, 0.25, 0.25],
        reduction: 'sum',
        outputs: ['loss', 'grad'],
      }),
    );
    expect([...values.grad!].every((g) => Object.is(g, 0))).toBe(true);
    expect(values.loss[0]).toBe(2 * Math.LN2); // RN(2 ln 2), doubling being exact
    expect(stats.attempts).toBe(1);
  });

  it('should hold a mean denominator of weights spanning the exponent range exactly (2^-1074 beside 1e300)', () => {
    const json = softmaxJson({ shape: [2, 2], input: [0, 0, 0, 0], target: [0, 1], weight: [5e-324, 1e300] });
    // Both rows lose log 2: the weighted mean is log 2 whatever the weights (RED-3.2).
    expect(run(json).values.loss[0]).toBe(Math.LN2);
  });

  it('should give a row whose other classes are masked its exact outputs: loss 0, log-probabilities 0 and −∞', () => {
    const { values, stats } = run(
      softmaxJson({
        shape: [1, 3],
        input: [1e300, '-Infinity', '-Infinity'],
        target: [0],
        outputs: ['loss', 'grad', 'logProb'],
      }),
    );
    expect([...values.loss]).toEqual([0]);
    expect([...values.logProb!]).toEqual([0, -Infinity, -Infinity]);
    expect([...values.grad!].every((g) => Object.is(g, 0))).toBe(true);
    expect(stats.attempts).toBe(1);
  });

  it('should fix IEEE specials at the first evaluation: a NaN logit poisons its row only', () => {
    const { values, stats } = run(
      softmaxJson({ input: [1, 'NaN', 3, 0.5, -1, 0], reduction: 'none', outputs: ['loss', 'grad'] }),
    );
    expect(Number.isNaN(values.loss[0]!)).toBe(true);
    expect(Number.isFinite(values.loss[1]!)).toBe(true);
    expect([...values.grad!.subarray(0, 3)].every(Number.isNaN)).toBe(true);
    expect(stats.attempts).toBe(1);
  });
});
