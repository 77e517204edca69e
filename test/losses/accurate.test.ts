import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { decodeCase } from '../../src/case/decode.js';
import { DTYPES, LOSSES, PROFILES, type LossCase, type OutputName } from '../../src/case/types.js';
import { validateCase } from '../../src/case/validate.js';
import { lossCase, profileDefines } from '../../properties/arbitraries/lossCase.js';
import { softmaxJson, type CaseJson } from '../__helpers__/cases.js';
import { accurateBoundViolation } from '../__helpers__/bounds.js';
import { oracle } from '../__helpers__/oracle.js';
import { skipWithout } from '../__helpers__/python.js';
import { run } from '../__helpers__/run.js';

/** Seeded cases: every loss, profile and dtype the spec defines. */
function sampledCases(perCombination: number): CaseJson[] {
  const cases: CaseJson[] = [];
  let seed = 1;
  for (const loss of LOSSES) {
    for (const profile of PROFILES.filter((p) => profileDefines(loss, p))) {
      for (const dtype of DTYPES) {
        const sample = fc.sample(lossCase({ loss, dtype, profile }), { seed: seed++, numRuns: perCombination });
        sample.forEach((json, k) => cases.push({ ...json, id: `${loss}/${profile}/${dtype}/${k}` }));
      }
    }
  }
  return cases;
}

const nine = (v: number) => Array<number>(9).fill(v);

/** numerics.md §1.4 and §2's worst cases for the textbook forms, and this suite's own extremes. */
const HARD_CASES: CaseJson[] = [
  ...[[30, ...nine(0)], [40, ...nine(0)], [100.1, 64.3, 0.7], [700.3, 0.1, -0.7], [20.1, 0.3], [1e5, 1e5, 1e5, 1e5], [800, 0], [1e308, -1e308], [-745.5, 0, 0]].flatMap((input, k) => [
    softmaxJson({ id: `hard-${k}`, shape: [1, input.length], input, target: [0], reduction: 'sum', outputs: ['loss', 'grad', 'logProb'] }),
    softmaxJson({ id: `hard-${k}-t1`, shape: [1, input.length], input, target: [1], labelSmoothing: 0.1, reduction: 'sum', outputs: ['loss', 'grad'] }),
  ]),
  softmaxJson({ id: 'f32-tiny', dtype: 'float32', shape: [1, 10], input: [20, ...nine(0)], target: [0], outputs: ['loss', 'grad'] }),
  softmaxJson({ id: 'f16-sum', dtype: 'float16', shape: [40, 2], input: Array.from({ length: 40 }, () => [0, 2048]).flat(), target: Array(40).fill(0) }),
  softmaxJson({ id: 'wide', shape: [1, 4096], input: Array.from({ length: 4096 }, (_, j) => ((j * 7919) % 200) / 10 - 10), target: [17], outputs: ['loss', 'grad'] }),
  ...[0, 1, 0.3, 1 - 1e-7, 1e-7].flatMap((y) =>
    [1e-8, 0.5, 20, 40, 800, 1e6].flatMap((m) => [m, -m]).map((x) => ({ id: `bcel-${x}-${y}`, loss: 'binary_cross_entropy_with_logits', shape: [1], input: [x], target: [y], reduction: 'sum', outputs: ['loss', 'grad'] })),
  ),
  ...[1e-300, 1e-20, 0.25, 1 - 2 ** -53, 1].map((p, k) => ({ id: `bce-${k}`, loss: 'binary_cross_entropy', shape: [2], input: [p, 1 - p], target: [0, 1], reduction: 'none', outputs: ['loss', 'grad'] })),
];

function rowLength(c: LossCase): number {
  return c.loss === 'softmax_cross_entropy' ? validateCase(c).classes : 1;
}

/** Every output `accurate` gives is within TOL-ACC of the oracle's exact value. */
function checkAgainstOracle(cases: CaseJson[]): number {
  const results = oracle(cases);
  const violations: string[] = [];
  let compared = 0;
  results.forEach((result, i) => {
    const c = decodeCase(cases[i]!);
    if ('error' in result) throw new Error(`${c.id}: the oracle rejects a valid case: ${result.error}`);
    const values = run('accurate', cases[i]!);
    for (const [name, want] of Object.entries(result.outputs) as [OutputName, NonNullable<(typeof result.outputs)['loss']>][]) {
      const got = values[name]!;
      expect(got.length, `${c.id} ${name}`).toBe(want.expected.length);
      want.expected.forEach((_, k) => {
        const exact = Number(want.exact[k]);
        const violation = accurateBoundViolation(got[k]!, exact, { label: `${c.id} ${name}[${k}]`, dtype: c.dtype, loss: c.loss, output: name, magnitude: want.magnitude[k]!, rowLength: rowLength(c) });
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

  it('should satisfy the smoothing identity on exact values: smoothed = (1 − ε)·CE + ε·mean(−lp) (LS-3, TOL-6)', () => {
    const base = { shape: [1, 4], input: [1.5, -2, 0.25, 3], target: [2], reduction: 'sum' };
    const [smoothed, plain, logProb] = oracle([
      softmaxJson({ ...base, id: 's', labelSmoothing: 0.3 }),
      softmaxJson({ ...base, id: 'p' }),
      softmaxJson({ ...base, id: 'l', outputs: ['logProb'] }),
    ]);
    const exact = (r: typeof smoothed, name: OutputName) => ('outputs' in r! ? r.outputs[name]!.exact : []).map((v) => new Decimal(v));
    const D = Decimal.clone({ precision: 60 });
    const uniform = exact(logProb, 'logProb').reduce((a, v) => a.minus(v), new D(0)).div(4);
    const identity = new D(1).minus(0.3).times(exact(plain, 'loss')[0]!).plus(new D(0.3).times(uniform));
    expect(identity.toNumber()).toBe(exact(smoothed, 'loss')[0]!.toNumber());
  });
});
