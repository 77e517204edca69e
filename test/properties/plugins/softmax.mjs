// Softmax cross-entropy written the ordinary way (torch profile): max-shifted log-softmax,
// coefficients a_j per class (CE-3.3, CE-4.2, LS-1, LS-2), the gradient W·p − a (GRAD-1). Every
// operation's result goes through `r` (the arithmetic: float64, or float32 by Math.fround).
import { upstreamed } from './upstream.mjs';

/** The row's maximum m and Σ exp(x − m) (a loop: spreading 10^5 values overflows the stack). */
export function shiftedSum(row, r) {
  const m = row.reduce((a, b) => Math.max(a, b), -Infinity);
  let sum = 0;
  for (const v of row) sum = r(sum + r(Math.exp(r(v - m))));
  return { m, sum };
}

/** (x − m) − log Σ exp(x − m): never exp of a positive number. */
export function logSoftmax(row, r) {
  const { m, sum } = shiftedSum(row, r);
  const logSum = r(Math.log(sum));
  return row.map((v) => r(r(v - m) - logSum));
}

/** K of LS-5: the class count. */
export const smoothingClasses = (c, C) => C;

/** ε/K, the share every class gets (LS-1). */
export const share = (eps, K, r) => r(eps / K);

/** What the target class gets: 1 − ε + ε/K (LS-1). */
export const targetShare = (eps, K, r, parts) => r(r(1 - eps) + parts.share(eps, K, r));

/** An index target's coefficients; `undefined` where no term exists (gathered, CE-3.3). */
export function indexCoefficients(c, t, C, { eps, K }, parts, r) {
  const w = (j) => (c.weight ? c.weight[j] : 1);
  if (eps === 0) return Array.from({ length: C }, (_, j) => (j === t ? w(j) : undefined));
  const [target, other] = [parts.targetShare(eps, K, r, parts), parts.share(eps, K, r)];
  return Array.from({ length: C }, (_, j) => r(w(j) * (j === t ? target : other)));
}

/** A probability target's coefficients w_j·((1 − ε)·t_j + ε/K) (CE-4.2, LS-1). */
export function probabilityCoefficients(c, targetOf, C, { eps, K }, parts, r) {
  const w = (j) => (c.weight ? c.weight[j] : 1);
  const smoothed = (t) => (eps === 0 ? t : r(r(t * r(1 - eps)) + parts.share(eps, K, r)));
  return Array.from({ length: C }, (_, j) => r(w(j) * smoothed(targetOf(j))));
}

/** Position i's coefficients; null when its target is ignored (IGN-1: no term at all). */
export function coefficientsAt(c, i, C, at, smoothing, parts, r) {
  if (c.targetKind === 'probability')
    return parts.probabilityCoefficients(c, (j) => c.target[at(i, j)], C, smoothing, parts, r);
  if (c.target[i] === (c.ignoreIndex ?? -100)) return null;
  return parts.indexCoefficients(c, c.target[i], C, smoothing, parts, r);
}

/** A position's share of the mean denominator (RED-3.1, RED-3.2). */
export function denominatorTerm(c, i, ignored) {
  if (ignored) return 0;
  return c.targetKind === 'probability' || !c.weight ? 1 : c.weight[c.target[i]];
}

/** ∂ℓ/∂x_j = W·p_j − a_j (GRAD-1). */
export const softmaxGrad = (W, p, a, r) => r(r(W * p) - a);

function layout(c) {
  const C = c.shape.length === 1 ? c.shape[0] : c.shape[1];
  const inner = c.shape.slice(2).reduce((a, b) => a * b, 1);
  return { C, inner, P: c.shape.length === 1 ? 1 : c.shape[0] * inner };
}

/** Every output of a softmax CE case, with the given parts. */
export function softmaxCrossEntropy(c, parts, r) {
  const { C, inner, P } = layout(c);
  const at = (i, j) => (Math.floor(i / inner) * C + j) * inner + (i % inner);
  const input = parts.prepare(c);
  const smoothing = { eps: c.labelSmoothing > 0 ? r(c.labelSmoothing) : 0, K: parts.smoothingClasses(c, C) };
  const [losses, terms, ignored] = [new Array(P).fill(0), new Array(P).fill(0), new Uint8Array(P)];
  const [grad, logProb, positionOf] = [
    new Float64Array(input.length),
    new Float64Array(input.length),
    new Int32Array(input.length),
  ];
  for (let i = 0; i < P; i++) {
    const lp = parts.logSoftmax(
      Array.from({ length: C }, (_, j) => input[at(i, j)]),
      r,
      input,
    );
    lp.forEach((l, j) => ((logProb[at(i, j)] = l), (positionOf[at(i, j)] = i)));
    const isIgnored = c.targetKind === 'index' && c.target[i] === (c.ignoreIndex ?? -100);
    terms[i] = parts.denominatorTerm(c, i, isIgnored);
    ignored[i] = isIgnored ? 1 : 0;
    const a = parts.coefficientsAt(c, i, C, at, smoothing, parts, r);
    if (a === null) continue;
    losses[i] = -a.reduce((s, aj, j) => (aj === undefined ? s : r(s + r(aj * lp[j]))), 0);
    const W = a.reduce((s, aj) => r(s + (aj ?? 0)), 0);
    lp.forEach((l, j) => (grad[at(i, j)] = parts.softmaxGrad(W, r(Math.exp(l)), a[j] ?? 0, r)));
  }
  const { loss, scaleGrad } = parts.reduction(c, losses, terms, r);
  // GRAD-3: an ignored position's gradient is 0, never divided (not 0/0 when every one is ignored).
  const scaled = (g, i) => (ignored[i] ? g : upstreamed(c, scaleGrad(g, i), i, r));
  return { loss, grad: grad.map((g, k) => scaled(g, positionOf[k])), logProb };
}
