// Bug: TF.js's smoothing class count, labels.shape[1] of the channel-last layout — d1 for inputs
// [N, C, d1..dk] — under the torch profile, where K is the class count C (LS-5, PRO-5).
import { ordinary } from '../plugins/ordinary.mjs';

export default ordinary({
  name: 'smoothing-shape1',
  parts: { smoothingClasses: (c, C) => (c.shape.length >= 3 ? c.shape[2] : C) },
});
