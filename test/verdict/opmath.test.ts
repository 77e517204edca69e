/**
 * The opmath level (spec/tolerance.md#TOL-LEVEL.7, TOL-OPMATH): what a backward-stable float32
 * computation rounded once into bfloat16 or float16 guarantees — it rejects Liger-Kernel PR 1329's
 * bug, which `stable` in the dtype accepts, and accepts the correct kernels.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { LossValues } from '../../src/case/types.js';
import { validateCase } from '../../src/case/validate.js';
import { roundTo } from '../../src/numeric/dtype.js';
import { createMpfrEngine } from '../../src/reference/mpfrEngine.js';
import { evaluateReference } from '../../src/reference/reference.js';
import { analysisType, compareCase } from '../../src/verdict/compare.js';
import { DEFAULT_LEVEL, type LevelName } from '../../src/verdict/levels.js';
import { decoded, softmaxJson, type CaseJson } from '../__helpers__/cases.js';
import { run } from '../__helpers__/run.js';

const engine = await createMpfrEngine();
afterAll(() => engine.dispose());

function verdict(json: CaseJson, actual: LossValues, level: LevelName) {
  const c = validateCase(decoded(json));
  return compareCase(c, actual, evaluateReference(c, engine).values, level);
}

const f32 = Math.fround;

/** p_t − 1 from a p_t first rounded into the dtype (Liger PR 1329), the rest in float32. */
function roundedTargetGradient(json: CaseJson): LossValues {
  const c = validateCase(decoded(json));
  const x = Array.from(c.input);
  const m = Math.max(...x);
  const e = x.map((v) => f32(Math.exp(f32(v - m))));
  const total = e.reduce((s, v) => f32(s + v), 0);
  const round = roundTo(c.dtype);
  const p = e.map((v) => round(f32(v / total))); // the bug: p read back in the dtype
  const t = c.target[0]!;
  const grad = Float64Array.from(p, (pj, j) => round(j === t ? pj - 1 : pj));
  return { loss: run('fused', json).loss, grad };
}

/** A row of C classes whose target has probability about p (the logit log(p/(1 − p)·(C − 1))). */
function confident(dtype: 'bfloat16' | 'float16', p: number, C = 2): CaseJson {
  const x = roundTo(dtype)(Math.log((p / (1 - p)) * (C - 1)));
  return softmaxJson({
    dtype,
    shape: [1, C],
    input: [x, ...Array<number>(C - 1).fill(0)],
    target: [0],
    reduction: 'sum',
    outputs: ['grad'],
  });
}

describe('the opmath level (TOL-OPMATH)', () => {
  it('should be the default level of check (TOL-LEVEL.7)', () => {
    expect(DEFAULT_LEVEL).toBe('opmath');
  });

  it('should analyse bfloat16 and float16 in float32 under torch, and in the dtype under keras (PRO-26)', () => {
    expect(analysisType(validateCase(decoded(confident('bfloat16', 0.9))), 'opmath')).toBe('float32');
    expect(analysisType(validateCase(decoded(confident('bfloat16', 0.9))), 'stable')).toBe('bfloat16');
    const keras = validateCase(decoded({ ...confident('float16', 0.9), profile: 'keras' }));
    expect(analysisType(keras, 'opmath')).toBe('float16');
    expect(analysisType(validateCase(decoded(softmaxJson({ dtype: 'float32' }))), 'opmath')).toBe('float32');
  });

  for (const p of [0.99, 0.999]) {
    it(`should reject p_t − 1 from a bfloat16-rounded p_t = ${p}, which stable accepts (TOL-OPMATH.1, TOL-OPMATH.2)`, () => {
      const json = confident('bfloat16', p);
      const buggy = roundedTargetGradient(json);
      expect(verdict(json, buggy, 'stable').pass).toBe(true);
      const opmath = verdict(json, buggy, 'opmath');
      expect(opmath.pass).toBe(false);
      expect(opmath.values[0]).toMatchObject({ output: 'grad', index: 0 });
    });
  }

  it('should accept fused and accurate on those rows, in bfloat16 and float16 (TOL-OPMATH.3; accurate also at TOL-LEVEL.4)', () => {
    for (const dtype of ['bfloat16', 'float16'] as const)
      for (const p of [0.9, 0.99, 0.999]) {
        const json = confident(dtype, p, 5);
        for (const name of ['fused', 'accurate'] as const)
          expect(verdict(json, run(name, json), 'opmath').pass, `${name} ${dtype} ${p}`).toBe(true);
        expect(verdict(json, run('accurate', json), 'accurate').pass).toBe(true);
      }
  });

  it('should be stable exactly where the opmath type is the dtype (TOL-LEVEL.7, TOL-OPMATH.4)', () => {
    const json = softmaxJson({ dtype: 'float32', shape: [1, 3], input: [1, 2, 3], target: [0], outputs: ['grad'] });
    const off = { loss: Float64Array.of(0), grad: run('fused', json).grad!.map((g) => g * (1 + 2 ** -20)) };
    expect(verdict(json, off, 'opmath').pass).toBe(verdict(json, off, 'stable').pass);
  });

  it('should reject a bfloat16 loss computed in bfloat16 throughout (naive), where fused passes', () => {
    const json = { ...confident('bfloat16', 0.999, 7), outputs: ['loss', 'grad'] };
    expect(verdict(json, run('fused', json), 'opmath').pass).toBe(true);
    expect(verdict(json, run('naive', json), 'opmath').pass).toBe(false);
  });
});
