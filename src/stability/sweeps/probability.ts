/**
 * `p` (spec/stability.md#SWP-8): BCE on the probabilities δ and 1 − δ, δ from the dtype's
 * smallest subnormal to 1/2, each with the targets 0, 1, 1/4 and 3/4.
 */
import { FORMATS } from '../../numeric/dtype.js';
import { binaryCase, pointId, type Sweep } from './sweep.js';

export const probabilitySweep: Sweep = {
  name: 'p',
  loss: 'binary_cross_entropy',
  quantity: 'δ',
  axis: 'δ: probabilities δ and 1 − δ',
  toward: 'down',
  clause: 'SWP-8',
  description: 'BCE on the probabilities δ and 1 − δ, each with the targets 0, 1, 1/4 and 3/4.',
  integer: false,
  range: (dtype) => [FORMATS[dtype].minSubnormal, 0.5],
  build: (delta, dtype) => binaryCase(pointId('p', dtype, delta), 'binary_cross_entropy', dtype, [delta, 1 - delta]),
};
