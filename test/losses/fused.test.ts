import { afterAll, describe, expect, it } from 'vitest';
import { validateCase } from '../../src/case/validate.js';
import { createMpfrEngine } from '../../src/reference/mpfrEngine.js';
import { evaluateReference } from '../../src/reference/reference.js';
import { compareCase } from '../../src/verdict/compare.js';
import { bceJson, bcelJson, decoded, softmaxJson, type CaseJson } from '../__helpers__/cases.js';
import { lossOf, run } from '../__helpers__/run.js';
import { sampledCases } from '../__helpers__/samples.js';

const sum = { reduction: 'sum' };
const engine = await createMpfrEngine();
afterAll(() => engine.dispose());

describe('fused: max-shifted log-softmax', () => {
  it('should not overflow or underflow where naive does', () => {
    expect(lossOf('fused', softmaxJson({ ...sum, shape: [1, 2], input: [0, -800], target: [1] }))).toEqual([800]);
    expect(
      lossOf('fused', softmaxJson({ ...sum, dtype: 'float16', shape: [1, 2], input: [12, 0], target: [1] })),
    ).toEqual([12]);
  });

  it('should cancel a tiny loss: log Σ rounds to 0 before the subtraction', () => {
    const c = softmaxJson({ ...sum, shape: [1, 10], input: [40, 0, 0, 0, 0, 0, 0, 0, 0, 0], target: [0] });
    expect(lossOf('fused', c)).toEqual([0]);
    const f32 = softmaxJson({
      ...sum,
      dtype: 'float32',
      shape: [1, 10],
      input: [20, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      target: [0],
    });
    expect(lossOf('fused', f32)).toEqual([0]);
    expect(lossOf('accurate', f32)[0]).toBeGreaterThan(0);
  });

  it('should sum float16 losses in float32, as PyTorch does (DT-4)', () => {
    const positions = 40;
    const rows = Array.from({ length: positions }, () => [0, 2048]).flat();
    const c = softmaxJson({ dtype: 'float16', shape: [positions, 2], input: rows, target: Array(positions).fill(0) });
    expect(lossOf('fused', c)).toEqual([2048]);
  });
});

describe('fused: the stable binary forms', () => {
  it('should keep tiny BCE-with-logits and BCE losses', () => {
    expect(lossOf('fused', bcelJson({ ...sum, shape: [1], input: [-40], target: [0] }))[0]).toBeGreaterThan(0);
    expect(lossOf('fused', bceJson({ ...sum, shape: [1], input: [1e-20], target: [0] }))[0]).toBeGreaterThan(0);
  });
});

describe('fused against the reference at the opmath level (TOL-OPMATH.3)', () => {
  /** Every output fused gives, judged at the opmath level against the certified reference. */
  function opmathFailures(cases: readonly CaseJson[]): string[] {
    return cases.flatMap((json) => {
      const c = validateCase(decoded(json));
      const judged = compareCase(c, run('fused', json), evaluateReference(c, engine).values, 'opmath');
      return judged.pass ? [] : [`${c.id}: ${judged.shapeProblem ?? JSON.stringify(judged.values[0])}`];
    });
  }

  it('should meet it on sampled cases of every loss, profile and dtype: soft-caps, z-losses, every output', () => {
    const cases = sampledCases(4, 101);
    expect(cases.filter((c) => c.logitSoftcap !== undefined).length).toBeGreaterThan(10);
    expect(opmathFailures(cases)).toEqual([]);
  });

  it("should meet it on BCE's ε forms (tfjs's log(p + ε), log(1 − p + ε)) and BCE with logits of either sign", () => {
    const every = { reduction: 'none', outputs: ['loss', 'grad'] };
    const cases = [
      bceJson({
        ...every,
        id: 'tfjs-eps',
        profile: 'tfjs',
        shape: [4],
        input: [1e-3, 0.25, 0.75, 0.999],
        target: [0.3, 1, 0, 0.6],
      }),
      bcelJson({
        ...every,
        id: 'signs',
        shape: [6],
        input: [-30, -2.5, -0.75, 0.75, 2.5, 30],
        target: [0, 1, 0.25, 0.75, 0, 1],
      }),
      bcelJson({
        ...every,
        id: 'pos-weight',
        shape: [2, 2],
        input: [-3, 1.5, 0.5, -20],
        target: [1, 0, 0.5, 1],
        posWeight: [2, 0.5],
      }),
    ];
    expect(opmathFailures(cases)).toEqual([]);
  });
});
