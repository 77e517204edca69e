// Bug: the mean of index targets divides by the count of non-ignored positions, not by the sum
// of their class weights Σ w_t (RED-3.1).
import { ordinary } from '../plugins/ordinary.mjs';

export default ordinary({ name: 'mean-count', parts: { denominatorTerm: (c, i, ignored) => (ignored ? 0 : 1) } });
