// Bug: the target class gets 1 − ε and loses its own share ε/K (LS-1), so the smoothed target
// no longer sums to one.
import { ordinary } from '../plugins/ordinary.mjs';

export default ordinary({ name: 'smoothing-target-share', parts: { targetShare: (eps, K, r) => r(1 - eps) } });
