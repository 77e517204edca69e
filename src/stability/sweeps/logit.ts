/**
 * `x` (spec/stability.md#SWP-7): BCE with logits at the logits ±x, x from 10⁻³ to the dtype's
 * largest finite value, each with the targets 0, 1, 1/4 and 3/4.
 */
import { FORMATS } from '../../numeric/dtype.js';
import { binaryCase, pointId, type Sweep } from './sweep.js';

export const logitSweep: Sweep = {
  name: 'x',
  loss: 'binary_cross_entropy_with_logits',
  quantity: '|x|',
  axis: '|x|: logits ±x',
  toward: 'up',
  clause: 'SWP-7',
  description: 'BCE with logits at ±x, each with the targets 0, 1, 1/4 and 3/4.',
  integer: false,
  range: (dtype) => [1e-3, FORMATS[dtype].maxFinite],
  build: (x, dtype) => binaryCase(pointId('x', dtype, x), 'binary_cross_entropy_with_logits', dtype, [x, -x]),
};
