/**
 * Expressions shaped like the losses of spec/losses.md, written against the engine interface as
 * the reference loss evaluation will be, with random inputs that are members of a dtype.
 */
import fc from 'fast-check';
import { DTYPES, type Dtype } from '../../src/case/types.js';
import { roundTo } from '../../src/numeric/dtype.js';
import type { IntervalArithmetic } from '../../src/reference/arithmetic.js';

/** Inputs of one expression; `kind` selects the formula. */
export interface LossSample {
  readonly kind: 'ce' | 'prob' | 'grad' | 'smoothed' | 'bcel' | 'bce' | 'bceGrad';
  readonly dtype: Dtype;
  readonly logits: readonly number[];
  readonly index: number;
  readonly y: number;
  readonly weight: number;
  readonly epsilon: number;
}

function argmax(xs: readonly number[]): number {
  return xs.reduce((best, x, j) => (x > xs[best]! ? j : best), 0);
}

/** s = Σ_{j≠k} e^(x_j − m): the softmax denominator less its maximal term. */
function restSum<I>(a: IntervalArithmetic<I>, xs: readonly number[]): I {
  const k = argmax(xs);
  const m = a.fromDouble(xs[k]!);
  return xs.reduce((s, x, j) => (j === k ? s : a.add(s, a.exp(a.sub(a.fromDouble(x), m)))), a.fromDouble(0));
}

/** −log p_c = (m − x_c) + log1p(s). */
function negLogProb<I>(a: IntervalArithmetic<I>, xs: readonly number[], c: number, s: I): I {
  return a.add(a.sub(a.fromDouble(xs[argmax(xs)]!), a.fromDouble(xs[c]!)), a.log1p(s));
}

/** p_c = e^(x_c − m) / (1 + s). */
function prob<I>(a: IntervalArithmetic<I>, xs: readonly number[], c: number, s: I): I {
  const numerator = a.exp(a.sub(a.fromDouble(xs[c]!), a.fromDouble(xs[argmax(xs)]!)));
  return a.div(numerator, a.add(a.fromDouble(1), s));
}

/** softplus(z) = max(z, 0) + log1p(e^−|z|), branching on the exact double z. */
function softplus<I>(a: IntervalArithmetic<I>, z: number): I {
  return a.add(a.fromDouble(Math.max(z, 0)), a.log1p(a.exp(a.fromDouble(-Math.abs(z)))));
}

export function evaluateSample<I>(a: IntervalArithmetic<I>, sample: LossSample): I {
  const { logits: xs, index: c, y, weight: w, epsilon } = sample;
  const x = xs[0]!;
  switch (sample.kind) {
    case 'ce':
      return a.mul(a.fromDouble(w), negLogProb(a, xs, c, restSum(a, xs)));
    case 'prob':
      return prob(a, xs, c, restSum(a, xs));
    case 'grad': // W·p_c − a_c with W = w, a_c = w·y: cancels where p_c ≈ y
      return a.mul(a.fromDouble(w), a.sub(prob(a, xs, c, restSum(a, xs)), a.fromDouble(y)));
    case 'smoothed': {
      // (1 − ε)·(−lp_t) + (ε/K)·Σ_c (−lp_c), K = C
      const s = restSum(a, xs);
      const uniform = xs.reduce((acc, _, j) => a.add(acc, negLogProb(a, xs, j, s)), a.fromDouble(0));
      const share = a.div(a.fromDouble(epsilon), a.fromRational(BigInt(xs.length), 1n));
      return a.add(
        a.mul(a.sub(a.fromDouble(1), a.fromDouble(epsilon)), negLogProb(a, xs, c, s)),
        a.mul(share, uniform),
      );
    }
    case 'bcel': // w·(pw·y·softplus(−x) + (1 − y)·softplus(x)), pw = xs[1]
      return a.mul(
        a.fromDouble(w),
        a.add(
          a.mul(a.mul(a.fromDouble(Math.abs(xs[1] ?? 1)), a.fromDouble(y)), softplus(a, -x)),
          a.mul(a.sub(a.fromDouble(1), a.fromDouble(y)), softplus(a, x)),
        ),
      );
    case 'bce': {
      // −(y·max(log p, −100) + (1 − y)·max(log1p(−p), −100)), p in (0, 1)
      const p = a.fromDouble(probabilityOf(x));
      const floor = a.fromDouble(-100);
      const terms = a.add(
        a.mul(a.fromDouble(y), a.max(a.log(p), floor)),
        a.mul(a.sub(a.fromDouble(1), a.fromDouble(y)), a.max(a.log1p(a.neg(p)), floor)),
      );
      return a.neg(terms);
    }
    case 'bceGrad': {
      // (p − y) / max(p·(1 − p), eps), eps = RN32(1e−12)
      const p = a.fromDouble(probabilityOf(x));
      const denominator = a.max(a.mul(p, a.sub(a.fromDouble(1), p)), a.fromDouble(Math.fround(1e-12)));
      return a.div(a.sub(p, a.fromDouble(y)), denominator);
    }
  }
}

/** A probability in (0, 1) from a logit-like input: exact as long as x is. */
function probabilityOf(x: number): number {
  const p = Math.abs(x) / (1 + Math.abs(x));
  return p > 0 && p < 1 ? p : 0.5;
}

const SCALES = [1, 10, 100, 745, 1e4, 1e300];

/** Logits: a scale, an optional large common offset, ties, members of the dtype. */
function logitsArbitrary(dtype: Dtype): fc.Arbitrary<number[]> {
  const round = roundTo(dtype);
  return fc
    .record({
      scale: fc.constantFrom(...SCALES),
      offset: fc.constantFrom(0, 0, 1e4, -3e5),
      unit: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
      tie: fc.boolean(),
    })
    .map(({ scale, offset, unit, tie }) => {
      const xs = unit.map((u) => round(offset + u * scale)).filter(Number.isFinite);
      if (tie && xs.length > 1) xs[1] = xs[0]!;
      return xs.length > 0 ? xs : [0];
    });
}

export function lossSampleArbitrary(): fc.Arbitrary<LossSample> {
  return fc.constantFrom(...DTYPES).chain((dtype) =>
    fc
      .record({
        kind: fc.constantFrom('ce', 'prob', 'grad', 'smoothed', 'bcel', 'bce', 'bceGrad'),
        dtype: fc.constant(dtype),
        logits: logitsArbitrary(dtype),
        index: fc.nat(5),
        y: fc.constantFrom(0, 1, 0.5, 0.3, 1 - 2 ** -11, 2 ** -20).map(roundTo(dtype)),
        weight: fc
          .constantFrom(1, 2, 0.1, 2 ** -20, 2 ** 20)
          .map(roundTo(dtype))
          .filter(Number.isFinite),
        epsilon: fc.constantFrom(0, 0.1, 0.25, 1),
      })
      .map((s) => ({ ...s, index: s.index % s.logits.length })),
  );
}
