/**
 * Binary cross-entropy on probabilities and with logits, element by element (BCE, BCEL, LS-7,
 * RED, GRAD-4..7), averaged over rows where the profile does (PRO-18), around one
 * implementation's kernels.
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

/**
 * PRO-11: the profile's expression at a non-finite logit, in IEEE arithmetic. With x infinite
 * the result depends on the signs of `y`, `1 − y` and `1 + (pw − 1)·y` only, so each enters as
 * its sign (decided exactly by the implementation's arithmetic).
 */
export function bcelAtNonFinite(
  form: BcelForm,
  x: number,
  signs: { y: number; complement: number; scale: number },
): number {
  const logSigmoid = (z: number): number => (z === Infinity ? 0 : z === -Infinity ? -Infinity : NaN);
  if (form === 'torch') return signs.complement * x - signs.scale * logSigmoid(x);
  if (form === 'tensorflow') return Math.max(x, 0) - x * signs.y + Math.log1p(Math.exp(-Math.abs(x)));
  return -signs.y * logSigmoid(x) - signs.complement * logSigmoid(-x);
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

/**
 * A target `y` and its complement `1 − y`. Smoothed (LS-7), both are formed without cancelling
 * for `t` in [0, 1]: `y = t·(1 − ε) + ε/2` and `1 − y = (1 − t)·(1 − ε) + ε/2` for ε ≤ 1, so that
 * `1 − y` stays positive for `t = 1` and a tiny ε (it decides `0·(−∞)` against `tiny·(−∞)`,
 * BCE-4); for ε > 1 (keras applies any ε, PRO-4) `y = ε/2 − t·(ε − 1)` and
 * `1 − y = (1 − ε/2) + t·(ε − 1)`, so that ε = 2 leaves `1 − y = t` exactly.
 */
interface BinaryTarget<T> {
  readonly t: number;
  readonly y: T;
  readonly complement: T;
}

function binaryTarget<T>(c: ValidCase, k: LossKernels<T>, t: number): BinaryTarget<T> {
  const { arith } = k;
  const one = arith.of(1);
  if (c.smoothing === 0) return { t, y: arith.of(t), complement: arith.sub(one, arith.of(t)) };
  const share = arith.div(arith.of(c.smoothing), arith.of(2));
  if (c.smoothing > 1) {
    const moved = arith.mul(arith.of(t), arith.sub(arith.of(c.smoothing), one));
    return { t, y: arith.sub(share, moved), complement: arith.add(arith.sub(one, share), moved) };
  }
  const keep = arith.sub(one, arith.of(c.smoothing));
  const smoothed = (v: T): T => arith.add(arith.mul(v, keep), share);
  return { t, y: smoothed(arith.of(t)), complement: smoothed(arith.sub(one, arith.of(t))) };
}

/** `p − y`, as `(p − 1) + (1 − y)` for a smoothed target near 1 (no cancellation). */
function difference<T>(c: ValidCase, k: LossKernels<T>, p: number, target: BinaryTarget<T>): T {
  const { arith } = k;
  if (c.smoothing === 0 || !(p >= 0.5 && p <= 2)) return arith.sub(arith.of(p), target.y);
  return arith.add(arith.of(p - 1), target.complement);
}

/** BCE-1..3 and GRAD-4..6 for one probability `p` and target. */
function bce<T>(c: ValidCase, k: LossKernels<T>, p: number, target: BinaryTarget<T>): Element<T> {
  const { arith } = k;
  const { e, lo, hi } = bceConstants(c);
  const { t, y, complement } = target;
  const one = arith.of(1);
  const combine = (logP: T, logQ: T): T => arith.neg(arith.add(arith.mul(y, logP), arith.mul(complement, logQ)));
  const quotient = (q: number): T =>
    arith.div(difference(c, k, q, target), arith.mul(arith.of(q), arith.sub(one, arith.of(q))));
  switch (c.rules.bceForm) {
    case 'clip': {
      const clipped = Number.isNaN(p) ? p : Math.min(Math.max(p, lo), hi);
      const loss = combine(k.binary.logPlus(clipped, 0), k.binary.logOneMinusPlus(clipped, 0));
      // GRAD-5: TensorFlow's Minimum/Maximum pass the gradient where p ≤ hi and p ≥ lo; NaN fails both.
      const inside = p >= lo && p <= hi;
      return { loss, grad: inside ? quotient(p) : arith.of(0) };
    }
    case 'epsilonInLog': {
      if (!Number.isFinite(p)) return tfjsAtNonFinite(p, t, e, arith.of);
      const eps = arith.of(e);
      const pe = arith.add(arith.of(p), eps);
      const qe = arith.add(arith.sub(one, arith.of(p)), eps);
      const numerator = arith.add(difference(c, k, p, target), arith.mul(eps, arith.sub(complement, y)));
      return {
        loss: combine(k.binary.logPlus(p, e), k.binary.logOneMinusPlus(p, e)),
        grad: arith.div(numerator, arith.mul(pe, qe)),
      };
    }
    default: {
      const clamp = (v: T): T => arith.max(v, arith.of(-100));
      const loss = combine(clamp(k.binary.logPlus(p, 0)), clamp(k.binary.logOneMinusPlus(p, 0)));
      const denominator = arith.max(arith.mul(arith.sub(one, arith.of(p)), arith.of(p)), arith.of(TORCH_BCE_GRAD_EPS));
      return { loss, grad: arith.div(difference(c, k, p, target), denominator) };
    }
  }
}

/** BCEL-1, GRAD-7 for one logit; at x = ±∞ the gradient is its limit, 1 − y or −pw·y. */
function bcel<T>(c: ValidCase, k: LossKernels<T>, x: number, target: BinaryTarget<T>, pw: number): Element<T> {
  const { arith } = k;
  const { y, complement } = target;
  if (Number.isFinite(x))
    return { loss: k.binary.bcelLoss(x, y, complement, pw), grad: k.binary.bcelGrad(x, y, complement, pw) };
  const scale = arith.add(complement, arith.mul(arith.of(pw), y)); // 1 + (pw − 1)·y, without rounding pw − 1
  const signs = { y: arith.sign(y), complement: arith.sign(complement), scale: arith.sign(scale) };
  const grad = Number.isNaN(x) ? arith.of(NaN) : x > 0 ? complement : arith.neg(arith.mul(arith.of(pw), y));
  return { loss: arith.of(bcelAtNonFinite(c.rules.bcelForm, x, signs)), grad };
}

/** PRO-18: each row's mean `(1/L)·Σ ℓ_e` (`0/0 = NaN` for `L = 0`); the elements themselves for L = 1. */
function rowMeans<T>(c: ValidCase, k: LossKernels<T>, elements: readonly T[]): readonly T[] {
  if (c.rowLength === 1) return elements;
  const length = k.arith.of(c.rowLength);
  return Array.from({ length: c.positions }, (_, r) =>
    k.mean(elements.slice(r * c.rowLength, (r + 1) * c.rowLength), length),
  );
}

/** Every output of a binary case, in the kernels' arithmetic. */
export function binaryCrossEntropy<T>(c: ValidCase, k: LossKernels<T>): DriverValues<T> {
  const { arith } = k;
  const losses: T[] = [];
  const grad: T[] | undefined = c.outputs.includes('grad') ? [] : undefined;
  const reducer = reducerFor(c, k);
  // PRO-18: an element's gradient carries its row's 1/L.
  const perRow = c.rowLength === 1 ? (g: T) => g : (g: T) => arith.div(g, arith.of(c.rowLength));
  for (let i = 0; i < c.input.length; i++) {
    const target = binaryTarget(c, k, c.target[i]!); // LS-7
    const w = arith.of(c.weight ? c.weight[i % c.weight.length]! : 1);
    const pw = c.posWeight ? c.posWeight[i % c.posWeight.length]! : 1;
    const x = c.input[i]!;
    const e = c.loss === 'binary_cross_entropy' ? bce(c, k, x, target) : bcel(c, k, x, target, pw);
    losses.push(arith.mul(w, e.loss));
    grad?.push(reducer.scale(perRow(arith.mul(w, e.grad)), Math.floor(i / c.rowLength))); // UP-1: its row's u
  }
  return { loss: reducer.reduce(rowMeans(c, k, losses)), grad };
}
