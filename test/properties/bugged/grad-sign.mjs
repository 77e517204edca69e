// Bug: the softmax CE gradient with the wrong sign, a − W·p instead of W·p − a (GRAD-1).
import { ordinary } from '../plugins/ordinary.mjs';

export default ordinary({ name: 'grad-sign', parts: { softmaxGrad: (W, p, a, r) => r(a - r(W * p)) } });
