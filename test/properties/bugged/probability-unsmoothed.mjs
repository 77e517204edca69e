// Bug: label smoothing applied to index targets only; probability targets are used as given
// (LS-1: t' = (1 − ε)·t + ε/K for probability targets too).
import { ordinary } from '../plugins/ordinary.mjs';
import { probabilityCoefficients } from '../plugins/softmax.mjs';

export default ordinary({
  name: 'probability-unsmoothed',
  parts: {
    probabilityCoefficients: (c, targetOf, C, smoothing, parts, r) =>
      probabilityCoefficients(c, targetOf, C, { ...smoothing, eps: 0 }, parts, r),
  },
});
