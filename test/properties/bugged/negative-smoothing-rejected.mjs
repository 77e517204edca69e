// Bug: a negative label smoothing is rejected, where PyTorch treats ε < 0 as no smoothing (PRO-4).
import { ordinary } from '../plugins/ordinary.mjs';

const base = ordinary({ name: 'negative-smoothing-rejected' });

export default {
  ...base,
  evaluate(c) {
    if (c.labelSmoothing < 0) throw new Error('label_smoothing must be between 0.0 and 1.0');
    return base.evaluate(c);
  },
};
