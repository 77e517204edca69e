/**
 * Binary cross-entropy on probabilities and with logits, element by element (BCE, BCEL, LS-7,
 * RED, GRAD-4..7), around one implementation's kernels.
 */
import type { BcelForm } from '../case/profiles.js';
import type { LossValues } from '../case/types.js';
import type { ValidCase } from '../case/validate.js';
import { roundTo } from '../numeric/dtype.js';
import type { LossKernels } from './kernels.js';
import { reducerFor } from './reduce.js';

/** PyTorch's backward epsilon, a float constant (GRAD-4). */
const TORCH_BCE_GRAD_EPS = Math.fround(1e-12);

interface Element {
  loss: number;
  grad: number;
}

/** PRO-11: the profile's expression at a non-finite logit, in IEEE arithmetic; GRAD-7's limit. */
function bcelAtNonFinite(form: BcelForm, x: number, y: number, pw: number): Element {
  const logSigmoid = (z: number): number => (z === Infinity ? 0 : z === -Infinity ? -Infinity : NaN);
  const loss =
    form === 'torch' ? (1 - y) * x - (1 + (pw - 1) * y) * logSigmoid(x)
    : form === 'tensorflow' ? Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)))
    : -y * logSigmoid(x) - (1 - y) * logSigmoid(-x);
  const sigmoid = x === Infinity ? 1 : x === -Infinity ? 0 : NaN;
  return { loss, grad: (1 + (pw - 1) * y) * sigmoid - pw * y };
}

function bcel(c: ValidCase, k: LossKernels, x: number, y: number, pw: number): Element {
  if (!Number.isFinite(x)) return bcelAtNonFinite(c.rules.bcelForm, x, y, pw);
  return { loss: k.binary.bcelLoss(x, y, pw), grad: k.binary.bcelGrad(x, y, pw) };
}

/** BCE-1..3 and GRAD-4..6 for one probability. */
function bce(c: ValidCase, k: LossKernels, p: number, y: number): Element {
  const r = k.round;
  const dtypeRound = roundTo(c.dtype);
  const oneMinusY = r(1 - y);
  const combine = (logP: number, logQ: number): number => r(-r(r(y * logP) + r(oneMinusY * logQ)));
  switch (c.rules.bceForm) {
    case 'clip': {
      const lo = dtypeRound(1e-7);
      const hi = dtypeRound(1 - 1e-7);
      const clipped = Math.min(Math.max(p, lo), hi);
      const loss = combine(k.binary.logPlus(clipped, 0), k.binary.logOneMinusPlus(clipped, 0));
      const inside = p >= lo && p <= hi;
      return { loss, grad: inside || Number.isNaN(p) ? r(r(p - y) / r(p * r(1 - p))) : 0 };
    }
    case 'epsilonInLog': {
      const e = dtypeRound(1e-7);
      const loss = combine(k.binary.logPlus(p, e), k.binary.logOneMinusPlus(p, e));
      const numerator = r(r(p - y) + r(e * r(1 - r(2 * y))));
      return { loss, grad: r(numerator / r(r(p + e) * r(r(1 - p) + e))) };
    }
    default: {
      const clamp = (v: number): number => Math.max(v, -100);
      const loss = combine(clamp(k.binary.logPlus(p, 0)), clamp(k.binary.logOneMinusPlus(p, 0)));
      return { loss, grad: r(r(p - y) / Math.max(r(r(1 - p) * p), TORCH_BCE_GRAD_EPS)) };
    }
  }
}

/** Every output of a binary case, in the kernels' working precision. */
export function binaryCrossEntropy(c: ValidCase, k: LossKernels): LossValues {
  const r = k.round;
  const losses = new Float64Array(c.positions);
  const grad = c.outputs.includes('grad') ? new Float64Array(c.positions) : undefined;
  const reducer = reducerFor(c, k);
  const keep = r(1 - c.smoothing);
  const share = r(c.smoothing / 2);
  for (let i = 0; i < c.positions; i++) {
    const t = c.target[i]!;
    const y = c.smoothing === 0 ? t : r(r(t * keep) + share); // LS-7
    const w = c.weight ? c.weight[i % c.weight.length]! : 1;
    const pw = c.posWeight ? c.posWeight[i % c.posWeight.length]! : 1;
    const x = c.input[i]!;
    const e = c.loss === 'binary_cross_entropy' ? bce(c, k, x, y) : bcel(c, k, x, y, pw);
    losses[i] = r(w * e.loss);
    if (grad) grad[i] = reducer.scale(r(w * e.grad));
  }
  return { loss: reducer.reduce(losses), grad };
}
