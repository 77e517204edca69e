// Bug: with reduction none the gradient is still divided by the mean's denominator
// (ROCm/TransformerEngine PR 336: "with reduce_loss=False the gradient was wrongly scaled").
import { ordinary, reduction } from '../plugins/ordinary.mjs';

function scaledNone(c, losses, terms, r) {
  if (c.reduction !== 'none') return reduction(c, losses, terms, r);
  const D = terms.reduce((s, v) => r(s + v), 0);
  return { loss: losses, scaleGrad: (g) => r(g / D) };
}

export default ordinary({ name: 'none-grad-scaled', parts: { reduction: scaledNone } });
