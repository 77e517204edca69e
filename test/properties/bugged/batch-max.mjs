// Bug: the shift m is the maximum over the whole batch, not each row's: a row far below another
// underflows to exp(x − m) = 0 and its log-softmax to −∞.
import { ordinary } from '../plugins/ordinary.mjs';

function logSoftmax(row, r, input) {
  const m = input.reduce((a, b) => Math.max(a, b), -Infinity);
  let sum = 0;
  for (const v of row) sum = r(sum + r(Math.exp(r(v - m))));
  const logSum = r(Math.log(sum));
  return row.map((v) => r(r(v - m) - logSum));
}

export default ordinary({ name: 'batch-max', parts: { logSoftmax } });
