// Bug: TF.js's logLoss ported under the torch profile: −(y·log(p + ε) + (1 − y)·log(1 − p + ε))
// with ε = 1e-7 (BCE-3) where PyTorch clamps the logs at −100 (BCE-1): a loss off by ~ε/p.
import { ordinary } from '../plugins/ordinary.mjs';
import { bce } from '../plugins/binary.mjs';

const EPSILON = 1e-7;

function withEpsilon(p, y, r) {
  const loss = -r(r(y * r(Math.log(r(p + EPSILON)))) + r(r(1 - y) * r(Math.log(r(r(1 - p) + EPSILON)))));
  return { loss, grad: bce(p, y, r).grad };
}

export default ordinary({ name: 'bce-epsilon', parts: { bce: withEpsilon } });
