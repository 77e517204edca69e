// Bug: BCE with logits as −(y·log σ(x) + (1 − y)·log(1 − σ(x))): 1 − σ(x) rounds to 0 for x past
// ~37 (float64), so the loss is ∞ where it is x (BCEL-1's stable forms avoid it).
import { ordinary } from '../plugins/ordinary.mjs';
import { bcel, sigmoid } from '../plugins/binary.mjs';

function unstable(x, y, pw, r) {
  const s = sigmoid(x, r);
  const loss = -r(r(r(pw * y) * r(Math.log(s))) + r(r(1 - y) * r(Math.log(r(1 - s)))));
  return { loss, grad: bcel(x, y, pw, r).grad };
}

export default ordinary({ name: 'bcel-log-sigmoid', parts: { bcel: unstable } });
