/**
 * One softmax cross-entropy row with a class-index target, every output at once, written against
 * the engine interface in the structure of spec/reference-engine.md#REF-10.3: the loss, the
 * gradient and the log-softmax, 1 + 2n values certified together (output 0 is the loss, 1..n the
 * gradient, n + 1..2n the log-probabilities).
 */
import type { IntervalArithmetic } from '../../src/reference/arithmetic.js';
import type { EvaluateValues } from '../../src/reference/ziv.js';

function argmax(x: Float64Array): number {
  let k = 0;
  for (let j = 1; j < x.length; j++) if (x[j]! > x[k]!) k = j;
  return k;
}

/**
 * d_j = x_j − m (exact), e_j = e^{d_j} (e_k = 1), s = Σ_{j≠k} e_j, loss = log1p(s) − d_t,
 * lp_c = d_c − log1p(s), and the gradient e_c/(1 + s) for c ≠ t, −Σ_{j≠t} e_j/(1 + s) for c = t
 * (no quantity subtracted from itself).
 */
export function softmaxRowValues(x: Float64Array, target: number): EvaluateValues {
  return <I>(a: IntervalArithmetic<I>, indices: Int32Array): I[] => {
    const [n, k] = [x.length, argmax(x)];
    const m = a.fromDouble(x[k]!);
    const d = Array.from(x, (xj) => a.sub(a.fromDouble(xj), m));
    const e = d.map((dj, j) => (j === k ? a.fromDouble(1) : a.exp(dj)));
    const sumExcept = (skip: number): I =>
      e.reduce((acc, ej, j) => (j === skip ? acc : a.add(acc, ej)), a.fromDouble(0));
    const s = sumExcept(k);
    const log1pS = a.log1p(s);
    const denominator = a.add(a.fromDouble(1), s);
    let othersOfTarget: I | undefined;
    const grad = (c: number): I => {
      if (c !== target) return a.div(e[c]!, denominator);
      othersOfTarget ??= target === k ? s : sumExcept(target);
      return a.neg(a.div(othersOfTarget, denominator));
    };
    return Array.from(indices, (i) => {
      if (i === 0) return a.sub(log1pS, d[target]!);
      return i <= n ? grad(i - 1) : a.sub(d[i - n - 1]!, log1pS);
    });
  };
}

/** How many values softmaxRowValues certifies for a row of n logits. */
export const softmaxRowCount = (n: number): number => 1 + 2 * n;
