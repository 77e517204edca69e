/**
 * The reference against the independent mpmath oracle (scripts/oracle, extended from the spec text)
 * on the losses language models train with: z-loss, soft-cap, lse, upstream gradients and linear
 * CE (ZL, CAP, LSE, UP, LCE), bit for bit (TOL-6).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCase } from '../../src/case/decode.js';
import type { Dtype, OutputName } from '../../src/case/types.js';
import { validateCase } from '../../src/case/validate.js';
import { ulpDistance } from '../../src/numeric/ulp.js';
import { createReferenceEngine } from '../../src/reference/engines.js';
import { evaluateReference } from '../../src/reference/reference.js';
import { linearCase } from '../../properties/arbitraries/linearCase.js';
import { softmaxCase } from '../../properties/arbitraries/softmaxCase.js';
import { linearJson, softmaxJson, type CaseJson } from '../__helpers__/cases.js';
import { oracle } from '../__helpers__/oracle.js';
import { sampledPerDtype } from '../__helpers__/samples.js';
import { skipWithout } from '../__helpers__/python.js';

const engine = await createReferenceEngine('decimal');
afterAll(() => engine.dispose());

/** Values that differ between the reference and the oracle, as messages (none expected). */
function disagreements(cases: CaseJson[]): string[] {
  const out: string[] = [];
  oracle(cases).forEach((result, i) => {
    const c = decodeCase(cases[i]!);
    if ('error' in result) return void out.push(`${c.id}: the oracle says ${result.error}`);
    const values = evaluateReference(validateCase(c), engine).values;
    for (const [name, want] of Object.entries(result.outputs) as [OutputName, { expected: Float64Array }][])
      want.expected.forEach((v, k) => {
        if (ulpDistance(values[name]![k]!, v, c.dtype) !== 0)
          out.push(
            `${c.id} ${name}[${k}]: reference ${values[name]![k]}, oracle ${v}\n    ${JSON.stringify(cases[i])}`,
          );
      });
  });
  return out;
}

const options = fc.record({ zLoss: fc.constantFrom(1e-4, 0.5, 2), logitSoftcap: fc.constantFrom(0.5, 30, 50) });

/** Softmax CE with both options and an upstream gradient, every regime (weights off: ZL-5). */
const softmaxWithOptions = (dtype: Dtype) =>
  fc
    .tuple(softmaxCase({ dtype, weights: false, outputs: ['loss', 'grad', 'logProb', 'lse'] }), options)
    .map(([json, o]) => ({ ...json, ...o }));

/** Where the arrangements of the reference and the oracle matter most. */
const HARD: CaseJson[] = [
  // CAP: subnormal and zero logits (tanh of a tiny argument), infinite ones (±c), huge ones.
  softmaxJson({
    id: 'cap-tiny',
    shape: [1, 3],
    input: [5e-324, -1e-300, 0],
    target: [1],
    logitSoftcap: 30,
    outputs: ['loss', 'grad', 'logProb', 'lse'],
  }),
  softmaxJson({
    id: 'cap-inf',
    shape: [1, 3],
    input: ['Infinity', '-Infinity', 1],
    target: [2],
    logitSoftcap: 2,
    outputs: ['loss', 'grad', 'lse'],
  }),
  softmaxJson({
    id: 'cap-huge',
    shape: [1, 3],
    input: [1e308, -1e308, 1e-10],
    target: [2],
    logitSoftcap: 0.25,
    outputs: ['loss', 'grad', 'lse'],
  }),
  softmaxJson({
    id: 'cap-close',
    shape: [1, 2],
    input: [1, 1.0000000000000002],
    target: [0],
    logitSoftcap: 1,
    reduction: 'sum',
    outputs: ['loss', 'grad'],
  }),
  // ZL: logits far from 0 (lse² large), p_t near 1, probability targets.
  softmaxJson({
    id: 'z-offset',
    dtype: 'float32',
    shape: [1, 3],
    input: [10000, 10001.5, 9999.25],
    target: [0],
    zLoss: 1e-4,
    reduction: 'sum',
    outputs: ['loss', 'grad', 'lse'],
  }),
  softmaxJson({
    id: 'z-dominant',
    shape: [1, 4],
    input: [40, 0, 0, 0],
    target: [0],
    zLoss: 0.5,
    reduction: 'sum',
    outputs: ['loss', 'grad'],
  }),
  softmaxJson({
    id: 'z-probability',
    shape: [2, 2],
    input: [1, -1, 3, 0.5],
    targetKind: 'probability',
    target: [0.25, 0.75, 1, 0],
    zLoss: 2,
    outputs: ['loss', 'grad', 'lse'],
  }),
  // UP: per position, including 0 and an ignored position.
  softmaxJson({
    id: 'up-none',
    shape: [3, 2],
    input: [1, 2, 3, 4, 5, 6],
    target: [0, -100, 1],
    reduction: 'none',
    upstream: [0, -3, 0.5],
    outputs: ['loss', 'grad'],
  }),
  // LCE: equal columns of W, equal rows of h, all ignored, large logits, bias only.
  linearJson({
    id: 'lce-columns',
    shape: [2, 2],
    input: [1, 2, 3, 4],
    linearWeight: [2, 1, 2, -1, 2, 0.5],
    linearBias: undefined,
    target: [0, 2],
    reduction: 'sum',
    outputs: ['loss', 'grad', 'gradWeight', 'lse'],
  }),
  linearJson({
    id: 'lce-rows',
    shape: [2, 2],
    input: [0.5, 2, 0.5, 2],
    linearWeight: [1, 0, 0, 1, 1, 1],
    linearBias: [0, 1, -1],
    target: [0, 2],
    reduction: 'none',
    upstream: [1, -1],
    outputs: ['loss', 'grad', 'gradWeight', 'lse'],
  }),
  linearJson({ id: 'lce-ignored', target: [-100, -100], outputs: ['loss', 'grad', 'gradWeight', 'gradBias'] }),
  linearJson({
    id: 'lce-large',
    dtype: 'bfloat16',
    shape: [1, 2],
    input: [24, -24],
    linearWeight: [24, 24, -24, 24, 16, -8],
    linearBias: [0, 0, 128],
    target: [1],
    zLoss: 1e-4,
    logitSoftcap: 30,
    outputs: ['loss', 'grad', 'gradWeight', 'gradBias', 'lse'],
  }),
  linearJson({
    id: 'lce-zero-h',
    shape: [2, 3],
    input: [0, 0, 0, 0, 0, 0],
    target: [1, 3],
    logitSoftcap: 1,
    reduction: 'sum',
    outputs: ['loss', 'grad', 'gradWeight', 'gradBias', 'lse'],
  }),
];

describe.skipIf(skipWithout('mpmath'))('the reference against the oracle on ZL, CAP, LSE, UP and LCE (TOL-6)', () => {
  it('should be bit-identical on softmax CE with z-loss, a soft-cap and upstream gradients, every dtype', () => {
    expect(disagreements(sampledPerDtype('softmax', softmaxWithOptions, 12, 31)).slice(0, 8)).toEqual([]);
  });

  it('should be bit-identical on linear cross-entropy, every dtype', () => {
    expect(disagreements(sampledPerDtype('linear', (dtype) => linearCase({ dtype }), 12, 41)).slice(0, 8)).toEqual([]);
  });

  it('should be bit-identical where the arrangement matters: tiny, infinite and huge capped logits, equal columns and rows', () => {
    expect(disagreements(HARD).slice(0, 8)).toEqual([]);
  });
});
