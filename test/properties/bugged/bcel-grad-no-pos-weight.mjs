// Bug: the gradient of BCE with logits ignores pos_weight, σ(x) − y, while the loss applies it
// (GRAD-7: (1 + (pw − 1)·y)·σ(x) − pw·y).
import { ordinary } from '../plugins/ordinary.mjs';
import { bcel, sigmoid } from '../plugins/binary.mjs';

export default ordinary({
  name: 'bcel-grad-no-pos-weight',
  parts: { bcel: (x, y, pw, r) => ({ loss: bcel(x, y, pw, r).loss, grad: r(sigmoid(x, r) - y) }) },
});
