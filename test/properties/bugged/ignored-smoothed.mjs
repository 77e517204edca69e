// Bug: ignored positions still carry the smoothing term (ε/K)·Σ_c w_c·(−lp_c) (IGN-1: an ignored
// position contributes 0 whatever the smoothing).
import { ordinary } from '../plugins/ordinary.mjs';
import { coefficientsAt } from '../plugins/softmax.mjs';

function coefficients(c, i, C, at, smoothing, parts, r) {
  const a = coefficientsAt(c, i, C, at, smoothing, parts, r);
  if (a !== null || smoothing.eps === 0) return a;
  const share = parts.share(smoothing.eps, smoothing.K, r);
  return Array.from({ length: C }, (_, j) => r((c.weight ? c.weight[j] : 1) * share));
}

export default ordinary({ name: 'ignored-smoothed', parts: { coefficientsAt: coefficients } });
