// Bug: pos_weight multiplies the negative term (1 − y)·softplus(x) instead of the positive one
// (BCEL-1, BCEL-2).
import { ordinary } from '../plugins/ordinary.mjs';

function bcel(x, y, pw, r) {
  const softplus = (z) => r(Math.max(z, 0) + r(Math.log1p(r(Math.exp(-Math.abs(z))))));
  const sigmoid = (z) => r(1 / r(1 + r(Math.exp(-z))));
  const loss = r(r(y * softplus(-x)) + r(r(pw * r(1 - y)) * softplus(x)));
  const grad = r(r(r(pw * r(1 - y)) * sigmoid(x)) - r(y * sigmoid(-x)));
  return { loss, grad };
}

export default ordinary({ name: 'pos-weight-wrong-term', parts: { bcel } });
