// Bug: a weight of the last dimension's size broadcast along the wrong axis — element i takes
// w[⌊i / last⌋] instead of w[i mod last] (BCE-5: weights broadcast by trailing dimensions).
import { ordinary } from '../plugins/ordinary.mjs';
import { elementWeight } from '../plugins/binary.mjs';

function misbroadcast(weights, i, c) {
  const last = c.shape.at(-1);
  if (!weights || weights.length !== last || weights.length === c.input.length) return elementWeight(weights, i);
  return weights[Math.floor(i / last) % weights.length];
}

export default ordinary({ name: 'bce-weight-broadcast', parts: { elementWeight: misbroadcast } });
