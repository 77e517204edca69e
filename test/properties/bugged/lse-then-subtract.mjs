// Bug: lse = m + log Σ exp(x − m) first, then x − lse (pytorch/pytorch PR 195829): a large common
// offset costs u·|m| where the loss is of order 1.
import { ordinary } from '../plugins/ordinary.mjs';
import { shiftedSum } from '../plugins/softmax.mjs';

function logSoftmax(row, r) {
  const { m, sum } = shiftedSum(row, r);
  const lse = r(m + r(Math.log(sum)));
  return row.map((v) => r(v - lse));
}

export default ordinary({ name: 'lse-then-subtract', parts: { logSoftmax } });
