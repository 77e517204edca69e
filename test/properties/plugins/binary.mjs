// Binary cross-entropy (torch profile) written the ordinary way: PyTorch's clamped logs for BCE
// (BCE-1, GRAD-4) and its stable form of BCE with logits (BCEL-1, GRAD-7). Every operation's
// result goes through `r` (the arithmetic).
import { upstreamed } from './upstream.mjs';

const TORCH_BCE_GRAD_EPS = Math.fround(1e-12);

/** −(y·max(log p, −100) + (1 − y)·max(log1p(−p), −100)) and its gradient (GRAD-4). */
export function bce(p, y, r) {
  const logP = Math.max(r(Math.log(p)), -100);
  const logQ = Math.max(r(Math.log1p(-p)), -100);
  const loss = -r(r(y * logP) + r(r(1 - y) * logQ));
  const grad = r(r(p - y) / Math.max(r(r(1 - p) * p), TORCH_BCE_GRAD_EPS));
  return { loss, grad };
}

/** σ(x) without overflow: e^x/(1 + e^x) for x < 0. */
export function sigmoid(x, r) {
  if (x >= 0) return r(1 / r(1 + r(Math.exp(-x))));
  const e = r(Math.exp(x));
  return r(e / r(1 + e));
}

/** PyTorch's (1 − y)·x + (1 + (pw − 1)·y)·softplus(−x), softplus(−x) = max(−x, 0) + log1p(e^{−|x|}). */
export function bcel(x, y, pw, r) {
  const softplusNeg = r(Math.max(-x, 0) + r(Math.log1p(r(Math.exp(-Math.abs(x))))));
  const scale = r(1 + r(r(pw - 1) * y));
  const loss = r(r(r(1 - y) * x) + r(scale * softplusNeg));
  const grad = r(r(scale * sigmoid(x, r)) - r(pw * y));
  return { loss, grad };
}

/** The weight of element i: weights broadcast by trailing dimensions (BCE-5, BCEL-2). */
export const elementWeight = (weights, i) => (weights ? weights[i % weights.length] : 1);

/** Every output of a binary case, with the given parts. */
export function binaryCrossEntropy(c, parts, r) {
  const input = parts.prepare(c);
  const [losses, grads] = [[], []];
  for (let i = 0; i < input.length; i++) {
    const [w, pw] = [parts.elementWeight(c.weight, i, c), parts.elementWeight(c.posWeight, i, c)];
    const e =
      c.loss === 'binary_cross_entropy'
        ? parts.bce(input[i], c.target[i], r)
        : parts.bcel(input[i], c.target[i], pw, r);
    losses.push(r(w * e.loss));
    grads.push(r(w * e.grad));
  }
  const { loss, scaleGrad } = parts.reduction(
    c,
    losses,
    losses.map(() => 1),
    r,
  );
  return { loss, grad: grads.map((g, i) => upstreamed(c, scaleGrad(g, i), i, r)) };
}
