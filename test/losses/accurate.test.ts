import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { decodeCase } from '../../src/case/decode.js';
import type { LossCase, OutputName } from '../../src/case/types.js';
import { validateCase } from '../../src/case/validate.js';
import { analyzeCase } from '../../src/verdict/analysis.js';
import { softmaxJson, type CaseJson } from '../__helpers__/cases.js';
import { COEFFICIENT_TIES, HARD_CASES, TIED_CASES, UNIT_MASS_TIES, sampledCases } from '../__helpers__/samples.js';
import { accurateAbsoluteViolation, accurateBoundViolation } from '../__helpers__/bounds.js';
import { oracle } from '../__helpers__/oracle.js';
import { skipWithout } from '../__helpers__/python.js';
import { run } from '../__helpers__/run.js';

/** TOL-ACC's z of every output value, as the analysis propagates it (TOL-RUN's rules). */
const underflowOf = (c: LossCase) => analyzeCase(validateCase(c));

/** Every output `accurate` gives is within TOL-ACC of the oracle's exact value. */
function checkAgainstOracle(cases: CaseJson[], violationOf = accurateBoundViolation): number {
  const results = oracle(cases);
  const violations: string[] = [];
  let compared = 0;
  results.forEach((result, i) => {
    const c = decodeCase(cases[i]!);
    if ('error' in result) throw new Error(`${c.id}: the oracle rejects a valid case: ${result.error}`);
    const values = run('accurate', cases[i]!);
    const analysis = underflowOf(c);
    for (const [name, want] of Object.entries(result.outputs) as [
      OutputName,
      NonNullable<(typeof result.outputs)['loss']>,
    ][]) {
      const got = values[name]!;
      expect(got.length, `${c.id} ${name}`).toBe(want.expected.length);
      want.expected.forEach((_, k) => {
        const exact = Number(want.exact[k]);
        const violation = violationOf(got[k]!, exact, {
          label: `${c.id} ${name}[${k}]`,
          dtype: c.dtype,
          loss: c.loss,
          output: name,
          magnitude: want.magnitude[k]!,
          underflow: analysis[name]![k]!.z,
        });
        if (violation) violations.push(`${violation}\n    case: ${JSON.stringify(cases[i])}`);
        compared++;
      });
    }
  });
  expect(violations.slice(0, 8), `${violations.length} of ${compared} values outside TOL-ACC`).toEqual([]);
  return compared;
}

describe.skipIf(skipWithout('mpmath'))('accurate against the independent oracle (TOL-ACC, DT-5)', () => {
  it('should be within its proven bound on sampled cases of every loss, profile and dtype', () => {
    expect(checkAgainstOracle(sampledCases(6))).toBeGreaterThan(1000);
  });

  it('should be within its proven bound on the cases where textbook forms fail', () => {
    expect(checkAgainstOracle(HARD_CASES)).toBeGreaterThan(100);
  });

  it('should keep the first-order gradient where it vanishes at a tie, of every profile and reduction (TOL-ACC.1)', () => {
    expect(checkAgainstOracle(TIED_CASES)).toBeGreaterThan(500);
  });

  it("should keep a tie's gradient below the rounding of its coefficients: (1 − ε) + ε/K held exactly (TOL-ACC.1)", () => {
    expect(checkAgainstOracle(COEFFICIENT_TIES)).toBeGreaterThanOrEqual(COEFFICIENT_TIES.length * 3);
  });

  it('should stay within the absolute bound where p − q cancels below the rounding of ε/K (TOL-ACC.1, PRO-8)', () => {
    expect(checkAgainstOracle(UNIT_MASS_TIES, accurateAbsoluteViolation)).toBeGreaterThanOrEqual(
      UNIT_MASS_TIES.length * 5,
    );
  });

  it('should hold m − x_c beyond binary64 (opposite extreme logits) in halves: a weight brings the loss back into range', () => {
    // (1.7e308 − (−1.7e308))·2^-2 = 8.5e307: formed directly, m − x_c is +∞ before the weight.
    const extremes = { shape: [1, 2], input: [1.7e308, -1.7e308], weight: [0.25, 0.25], reduction: 'sum' };
    const cases = [
      softmaxJson({ ...extremes, id: 'extreme-gathered', target: [1] }),
      softmaxJson({ ...extremes, id: 'extreme-smoothed', target: [1], labelSmoothing: 0.5 }),
    ];
    expect(checkAgainstOracle(cases)).toBe(2);
    expect(run('accurate', cases[0]!).loss![0]).toBe(8.5e307);
  });

  it('should leave a masked class (−∞) out of a gathered loss at label 0: its coefficient 0 never meets its +∞ (CE-3.3)', () => {
    const masked = softmaxJson({ id: 'masked-label-0', shape: [1, 3], input: [0.5, '-Infinity', 0.25], target: [0] });
    expect(checkAgainstOracle([{ ...masked, reduction: 'none', outputs: ['loss', 'grad'] }])).toBe(4);
    // A tie (TOL-ACC.1's first-order gradient) beside a masked class: its e^d − 1 is −1.
    const tied = softmaxJson({ id: 'masked-tie', shape: [1, 3], input: [1, 1, '-Infinity'], target: [0] });
    expect(checkAgainstOracle([{ ...tied, labelSmoothing: 0.25, reduction: 'sum', outputs: ['grad'] }])).toBe(4);
  });

  it('should differentiate un-normalised probability targets as p − a under tfjs, not as W·p − a (GRAD-2, PRO-8)', () => {
    const json = softmaxJson({
      id: 'unnormalised-tfjs',
      shape: [1, 3],
      input: [1, 2, 3],
      targetKind: 'probability',
      target: [0.5, 0.125, 0.125],
      profile: 'tfjs',
      reduction: 'sum',
      outputs: ['loss', 'grad'],
    });
    expect(checkAgainstOracle([json])).toBe(4);
  });

  it('should satisfy the smoothing identity on exact values: smoothed = (1 − ε)·CE + ε·mean(−lp) (LS-3, TOL-6)', () => {
    const base = { shape: [1, 4], input: [1.5, -2, 0.25, 3], target: [2], reduction: 'sum' };
    const [smoothed, plain, logProb] = oracle([
      softmaxJson({ ...base, id: 's', labelSmoothing: 0.3 }),
      softmaxJson({ ...base, id: 'p' }),
      softmaxJson({ ...base, id: 'l', outputs: ['logProb'] }),
    ]);
    const exact = (r: typeof smoothed, name: OutputName) =>
      ('outputs' in r! ? r.outputs[name]!.exact : []).map((v) => new Decimal(v));
    const D = Decimal.clone({ precision: 60 });
    const uniform = exact(logProb, 'logProb')
      .reduce((a, v) => a.minus(v), new D(0))
      .div(4);
    const identity = new D(1).minus(0.3).times(exact(plain, 'loss')[0]!).plus(new D(0.3).times(uniform));
    expect(identity.toNumber()).toBe(exact(smoothed, 'loss')[0]!.toNumber());
  });
});

describe('accurate on capped rows (CAP-1, DT-5)', () => {
  it('should keep a subnormal logit whose x/c underflows: the lse of a one-class row is the logit', () => {
    const json = HARD_CASES.find((c) => c.id === 'cap-subnormal')!;
    expect(Array.from(run('accurate', json).lse!)).toEqual(json.input);
  });
});
