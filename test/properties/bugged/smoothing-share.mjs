// Bug: the other classes get ε/(K − 1) instead of ε/K (LS-1: the target class gets 1 − ε + ε/K,
// never ε/(K − 1)).
import { ordinary } from '../plugins/ordinary.mjs';

export default ordinary({
  name: 'smoothing-share',
  parts: {
    share: (eps, K, r) => r(eps / (K - 1)),
    targetShare: (eps, K, r) => r(1 - eps),
  },
});
