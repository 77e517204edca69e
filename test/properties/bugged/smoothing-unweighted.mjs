// Bug: the class weights multiply the target's term but not the smoothing term:
// (1 − ε)·w_t·(−lp_t) + (ε/K)·Σ_c (−lp_c) instead of LS-2's Σ_c w_c·q_c·(−lp_c).
import { ordinary } from '../plugins/ordinary.mjs';
import { indexCoefficients } from '../plugins/softmax.mjs';

export default ordinary({
  name: 'smoothing-unweighted',
  parts: {
    indexCoefficients(c, t, C, smoothing, parts, r) {
      if (smoothing.eps === 0 || !c.weight) return indexCoefficients(c, t, C, smoothing, parts, r);
      const share = parts.share(smoothing.eps, smoothing.K, r);
      return Array.from({ length: C }, (_, j) => (j === t ? r(r(c.weight[t] * r(1 - smoothing.eps)) + share) : share));
    },
  },
});
