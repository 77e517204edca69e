// Bug: the z-loss from the mean of lse, squared, instead of the mean of lse² (mlfoundations/open_lm
// PR 92): z·mean(lse)² under mean and sum, and its gradient 2·z·mean(lse)·p (ZL-1, ZL-2, ZL-3).
import { chunkedLinearCrossEntropy } from '../../../examples/modules/chunkedLinear.mjs';

const f = Math.fround;

function zTerm(z, lse, lses, c) {
  if (c.reduction === 'none') return { loss: f(z * f(lse * lse)), mass: f(f(2 * z) * lse) };
  const kept = lses.filter((v) => v !== undefined);
  const mean = f(kept.reduce((s, v) => f(s + v), 0) / kept.length);
  return { loss: f(z * f(mean * mean)), mass: f(f(2 * z) * mean) };
}

export default chunkedLinearCrossEntropy({ zTerm }, 'chunked-z-mean-lse');
