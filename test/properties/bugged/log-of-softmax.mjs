// Bug: log(softmax(x)) — the softmax is formed first (max-shifted), then its log: a class far below
// the maximum has p = 0 and log p = −∞ where the loss is finite (ONNX's reference evaluator).
import { ordinary } from '../plugins/ordinary.mjs';
import { shiftedSum } from '../plugins/softmax.mjs';

function logSoftmax(row, r) {
  const { m, sum } = shiftedSum(row, r);
  return row.map((v) => r(Math.log(r(r(Math.exp(r(v - m))) / sum))));
}

export default ordinary({ name: 'log-of-softmax', parts: { logSoftmax } });
