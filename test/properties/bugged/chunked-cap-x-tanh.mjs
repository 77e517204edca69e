// Bug: the soft-cap written x·tanh(x/c) instead of c·tanh(x/c) (unslothai/unsloth-zoo PR 593): a
// no-op for |x| ≫ c, where the cap should hold the logit at ±c (CAP-1, CAP-4).
import { chunkedLinearCrossEntropy } from '../../../examples/modules/chunkedLinear.mjs';

const f = Math.fround;

export default chunkedLinearCrossEntropy({ cap: (x, c) => f(x * f(Math.tanh(f(x / c)))) }, 'chunked-cap-x-tanh');
