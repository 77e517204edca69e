/**
 * Binary cross-entropy on probabilities and with logits, element by element (BCE, BCEL, LS-7,
 * RED, GRAD-4..7), around one implementation's kernels.
 */
import type { BcelForm } from '../case/profiles.js';
import type { ValidCase } from '../case/validate.js';
import { roundTo } from '../numeric/dtype.js';
import type { LossKernels } from './kernels.js';
import { reducerFor } from './reduce.js';
import type { DriverValues } from './softmaxDriver.js';

/** PyTorch's backward epsilon, a float constant (GRAD-4). */
const TORCH_BCE_GRAD_EPS = Math.fround(1e-12);

interface Element<T> {
  loss: T;
  grad: T;
}

/** PRO-11: the profile's expression at a non-finite logit, in IEEE arithmetic; GRAD-7's limit. */
export function bcelAtNonFinite(form: BcelForm, x: number, y: number, pw: number): { loss: number; grad: number } {
  const logSigmoid = (z: number): number => (z === Infinity ? 0 : z === -Infinity ? -Infinity : NaN);
  const loss =
    form === 'torch' ? (1 - y) * x - (1 + (pw - 1) * y) * logSigmoid(x)
    : form === 'tensorflow' ? Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)))
    : -y * logSigmoid(x) - (1 - y) * logSigmoid(-x);
  const sigmoid = x === Infinity ? 1 : x === -Infinity ? 0 : NaN;
  return { loss, grad: (1 + (pw - 1) * y) * sigmoid - pw * y };
}

/** The dtype constants of BCE-2 and BCE-3: what a framework holds as RN(1e-7) and RN(1 − 1e-7). */
function bceConstants(c: ValidCase): { e: number; lo: number; hi: number } {
  const round = roundTo(c.dtype);
  return { e: round(1e-7), lo: round(1e-7), hi: round(1 - 1e-7) };
}

/** BCE-3 and GRAD-6 at p = ±∞ or NaN, as written, in IEEE arithmetic (BCE-4). */
function tfjsAtNonFinite<T>(p: number, y: number, e: number, of: (x: number) => T): Element<T> {
  const loss = -(y * Math.log(p + e) + (1 - y) * Math.log(1 - p + e));
  return { loss: of(loss), grad: of(-y / (p + e) + (1 - y) / (1 - p + e)) };
}

/** BCE-1..3 and GRAD-4..6 for one probability `p`, target `t` and `y` (t smoothed, LS-7). */
function bce<T>(c: ValidCase, k: LossKernels<T>, p: number, t: number, y: T): Element<T> {
  const { arith } = k;
  const { e, lo, hi } = bceConstants(c);
  const one = arith.of(1);
  const combine = (logP: T, logQ: T): T => arith.neg(arith.add(arith.mul(y, logP), arith.mul(arith.sub(one, y), logQ)));
  const quotient = (q: number): T => arith.div(arith.sub(arith.of(q), y), arith.mul(arith.of(q), arith.sub(one, arith.of(q))));
  switch (c.rules.bceForm) {
    case 'clip': {
      const clipped = Number.isNaN(p) ? p : Math.min(Math.max(p, lo), hi);
      const loss = combine(k.binary.logPlus(clipped, 0), k.binary.logOneMinusPlus(clipped, 0));
      const inside = Number.isNaN(p) || (p >= lo && p <= hi);
      return { loss, grad: inside ? quotient(p) : arith.of(0) };
    }
    case 'epsilonInLog': {
      if (!Number.isFinite(p)) return tfjsAtNonFinite(p, t, e, arith.of);
      const eps = arith.of(e);
      const pe = arith.add(arith.of(p), eps);
      const qe = arith.add(arith.sub(one, arith.of(p)), eps);
      const numerator = arith.add(arith.sub(arith.of(p), y), arith.mul(eps, arith.sub(one, arith.add(y, y))));
      return { loss: combine(k.binary.logPlus(p, e), k.binary.logOneMinusPlus(p, e)), grad: arith.div(numerator, arith.mul(pe, qe)) };
    }
    default: {
      const clamp = (v: T): T => arith.max(v, arith.of(-100));
      const loss = combine(clamp(k.binary.logPlus(p, 0)), clamp(k.binary.logOneMinusPlus(p, 0)));
      const denominator = arith.max(arith.mul(arith.sub(one, arith.of(p)), arith.of(p)), arith.of(TORCH_BCE_GRAD_EPS));
      return { loss, grad: arith.div(arith.sub(arith.of(p), y), denominator) };
    }
  }
}

/** BCEL-1, GRAD-7 for one logit. */
function bcel<T>(c: ValidCase, k: LossKernels<T>, x: number, t: number, y: T, pw: number): Element<T> {
  if (Number.isFinite(x)) return { loss: k.binary.bcelLoss(x, y, pw), grad: k.binary.bcelGrad(x, y, pw) };
  const limit = bcelAtNonFinite(c.rules.bcelForm, x, c.smoothing === 0 ? t : t * (1 - c.smoothing) + c.smoothing / 2, pw);
  return { loss: k.arith.of(limit.loss), grad: k.arith.of(limit.grad) };
}

/** Every output of a binary case, in the kernels' arithmetic. */
export function binaryCrossEntropy<T>(c: ValidCase, k: LossKernels<T>): DriverValues<T> {
  const { arith } = k;
  const losses: T[] = [];
  const grad: T[] | undefined = c.outputs.includes('grad') ? [] : undefined;
  const reducer = reducerFor(c, k);
  const keep = arith.sub(arith.of(1), arith.of(c.smoothing));
  const share = arith.div(arith.of(c.smoothing), arith.of(2));
  for (let i = 0; i < c.positions; i++) {
    const t = c.target[i]!;
    const y = c.smoothing === 0 ? arith.of(t) : arith.add(arith.mul(arith.of(t), keep), share); // LS-7
    const w = arith.of(c.weight ? c.weight[i % c.weight.length]! : 1);
    const pw = c.posWeight ? c.posWeight[i % c.posWeight.length]! : 1;
    const x = c.input[i]!;
    const e = c.loss === 'binary_cross_entropy' ? bce(c, k, x, t, y) : bcel(c, k, x, t, y, pw);
    losses.push(arith.mul(w, e.loss));
    grad?.push(reducer.scale(arith.mul(w, e.grad)));
  }
  return { loss: reducer.reduce(losses), grad };
}
