// Bug: BCE on probabilities without PyTorch's log clamp at −100 (BCE-1): p = 0 with y = 1 gives ∞,
// and 0·log 0 = NaN, where the loss is 100·y.
import { ordinary } from '../plugins/ordinary.mjs';
import { bce } from '../plugins/binary.mjs';

function unclamped(p, y, r) {
  const loss = -r(r(y * r(Math.log(p))) + r(r(1 - y) * r(Math.log1p(-p))));
  return { loss, grad: bce(p, y, r).grad };
}

export default ordinary({ name: 'bce-no-clamp', parts: { bce: unclamped } });
