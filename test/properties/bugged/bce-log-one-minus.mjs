// Bug: BCE on probabilities with log(1 − p) instead of log1p(−p), as PyTorch 1.13's BCELoss
// (reference/bugs-in-the-wild.md): rounding 1 − p erases a tiny p, so with y = 0 the loss of a
// confident, correct prediction comes out as 0 (TOL-RUN's BCE logs).
import { ordinary } from '../plugins/ordinary.mjs';
import { bce } from '../plugins/binary.mjs';

function logOfOneMinus(p, y, r) {
  const logP = Math.max(r(Math.log(p)), -100);
  const logQ = Math.max(r(Math.log(r(1 - p))), -100);
  return { loss: -r(r(y * logP) + r(r(1 - y) * logQ)), grad: bce(p, y, r).grad };
}

export default ordinary({ name: 'bce-log-one-minus', parts: { bce: logOfOneMinus } });
