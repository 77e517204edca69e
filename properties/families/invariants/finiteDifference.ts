/**
 * The gradient is the derivative (GRAD-1, GRAD-6, GRAD-7, NLL-3): one component against a
 * Richardson-extrapolated central difference of the certified reference's loss, evaluated in
 * binary64 (any dtype value is a double). Not where a profile's gradient is not the loss's
 * derivative (GRAD-2 tfjs softmax, GRAD-4 torch BCE, GRAD-5 keras BCE). Catches a wrong sign,
 * a missing factor, a gradient of another loss.
 */
import fc from 'fast-check';
import type { Dtype } from '../../../src/case/types.js';
import { roundTo } from '../../../src/numeric/dtype.js';
import { lossCase } from '../../arbitraries/lossCase.js';
import type { CaseJson, CheckContext } from '../family.js';
import type { Where } from '../scoped.js';
import { answer, NoAnswer } from './answers.js';
import { meanDenominator } from './denominator.js';
import { FINITE_REGIMES, type Invariant, type Related } from './invariant.js';
import { encoded, layoutOf, numbers, positionOfInput, upstreamAt } from './layout.js';
import { judgeRelations } from './relations.js';
import { differenceDerivative, stepFor, type Sampled } from './richardson.js';

interface Component extends Related {
  /** Which input value the derivative is taken along. */
  readonly k: number;
}

function isDerivative({ loss, rules }: Where): boolean {
  if (loss === 'softmax_cross_entropy') return rules.softmaxGradMass === 'exact';
  if (loss === 'binary_cross_entropy') return rules.bceForm === 'epsilonInLog';
  return true;
}

/** The reference's loss at position i with input k moved to x (binary64, `none`). */
function sampler(json: CaseJson, k: number, ctx: CheckContext): Sampled {
  const i = positionOfInput(layoutOf(json), k);
  const input = numbers(json, 'input');
  return async (x) => {
    const moved = input.map((v, j) => (j === k ? x : v));
    // The loss does not depend on the upstream gradient (UP-3): the samples go without it.
    const expected = await ctx.expect({
      ...json,
      dtype: 'float64',
      reduction: 'none',
      upstream: undefined,
      outputs: ['loss'],
      input: encoded(moved),
    });
    if (expected.kind !== 'values')
      throw new NoAnswer({ status: 'skip', reason: `the reference gives no value at x = ${x}` });
    return expected.values.loss[i]!;
  };
}

/**
 * BCE-3's e is RN(1e-7) in the case's dtype but in binary64 for the reference's samples: the
 * derivative moves by at most |Δe|·|w|·(1/(p − 2h)² + 1/(1 − p − 2h)²) (y in [0, 1]).
 */
function epsilonShift(json: CaseJson, k: number, h: number): number {
  if (json.loss !== 'binary_cross_entropy') return 0;
  const de = Math.abs(roundTo(json.dtype as Dtype)(1e-7) - 1e-7);
  const p = numbers(json, 'input')[k]!;
  const w = numbers(json, 'weight');
  return de * Math.abs(w.length === 0 ? 1 : w[k % w.length]!) * (1 / (p - 2 * h) ** 2 + 1 / (1 - p - 2 * h) ** 2);
}

/** BCE-3's logs bend on the scale of p and 1 − p: keep p in [2^-8, 1 − 2^-8] and scale the step. */
const POLE_DISTANCE = 2 ** -8;
const clampedProbability = (json: CaseJson): CaseJson =>
  json.loss === 'binary_cross_entropy'
    ? { ...json, input: numbers(json, 'input').map((p) => Math.min(1 - POLE_DISTANCE, Math.max(POLE_DISTANCE, p))) }
    : json;
const bendScale = (json: CaseJson, x: number): number =>
  json.loss === 'binary_cross_entropy' ? Math.min(x, 1 - x) : 1;

/**
 * UP-2's `u·d/D` in binary64, the quotient first: `u·d` underflows where `u` is subnormal and `d`
 * below 1 (6e-323 times a weight of 1e-6 is 0), and the division by a small `D` would magnify that
 * absolute loss of up to 2^-1075 by 1/D. Formed this way it is two roundings, each within
 * TOL-REL.2's `u` relative and 2^-1075 absolute.
 */
export const upstreamDerivative = (u: number, d: number, D: number): number => u * (d / D);

export const finiteDifference: Invariant<Component> = {
  name: 'finiteDifference',
  clauses: ['GRAD-1', 'GRAD-6', 'GRAD-7', 'NLL-3', 'TOL-REL'],
  losses: [
    'softmax_cross_entropy',
    'negative_log_likelihood',
    'binary_cross_entropy',
    'binary_cross_entropy_with_logits',
  ],
  applies: isDerivative,
  arbitrary: (where) =>
    lossCase({ ...where, outputs: ['loss', 'grad'], softmax: { regime: FINITE_REGIMES } })
      .map(clampedProbability)
      .chain((json) => fc.nat({ max: (json.input as unknown[]).length - 1 }).map((k) => ({ json, k }))),
  relatedAt: (input, json) => ({ ...input, json: clampedProbability(json) }),
  judge: async ({ json, k }, ctx) => {
    const D = json.reduction === 'mean' ? meanDenominator(json) : 1;
    if (D === 0) throw new NoAnswer({ status: 'skip', reason: 'D = 0: the mean is RED-4 special' });
    const a = await answer(ctx, json, 'the case');
    const x = numbers(json, 'input')[k]!;
    const h = stepFor(x, bendScale(json, x));
    const d = await differenceDerivative(sampler(json, k, ctx), x, h);
    if (!Number.isFinite(d.value))
      throw new NoAnswer({ status: 'skip', reason: `no finite difference at input[${k}] = ${x}` });
    // UP-2: the gradient is the upstream gradient times the derivative.
    const u = upstreamAt(json, positionOfInput(layoutOf(json), k));
    const slack = (Math.abs(u) * (d.error + epsilonShift(json, k, h))) / Math.abs(D);
    const derivative = upstreamDerivative(u, d.value, D);
    const what = `grad[${k}] is ${u === 1 ? '' : `${u} × `}the derivative of the ${json.reduction} loss (GRAD, UP-2): the reference's central differences give ${d.value / D}`;
    return judgeRelations(
      [
        {
          what,
          terms: [{ answer: a, output: 'grad', index: k, coefficient: 1 }],
          options: { constant: derivative, slack },
        },
      ],
      ctx.level,
    );
  },
};
