// Bug: ignored positions count in the mean denominator (ROCm/TransformerEngine PR 336): the loss
// is averaged over all tokens instead of the valid ones (IGN-1, RED-3.1).
import { ordinary } from '../plugins/ordinary.mjs';
import { denominatorTerm } from '../plugins/softmax.mjs';

export default ordinary({
  name: 'ignored-counted',
  parts: { denominatorTerm: (c, i, ignored) => (ignored ? 1 : denominatorTerm(c, i, false)) },
});
