// Bug: with reduction none, dW and db are summed over tokens first and then scaled by the first
// token's upstream gradient (linkedin/Liger-Kernel PR 1298): a per-token scale cannot be applied
// after the token sum (UP-2, LCE-3). dh, per token, is right.
import { chunkedLinearCrossEntropy } from '../../../examples/modules/chunkedLinear.mjs';

const upstreamOf = (c, n) => (c.upstream ? c.upstream[c.reduction === 'none' ? n : 0] : 1);

export default chunkedLinearCrossEntropy(
  { upstream: (c, n) => ({ row: upstreamOf(c, n), summed: 1, afterSum: upstreamOf(c, 0) }) },
  'chunked-upstream-after-sum',
);
