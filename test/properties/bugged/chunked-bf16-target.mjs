// Bug: the target's gradient p_t − 1 from a p_t first rounded into the case's dtype (the kernel's
// output buffer), not subtracted in float32 (linkedin/Liger-Kernel PR 1329): a 100% error at
// p_t = 0.999 in bfloat16, which stable in the dtype accepts and opmath rejects (TOL-OPMATH).
import { f16round } from '@petamoriken/float16';
import { chunkedLinearCrossEntropy } from '../../../examples/modules/chunkedLinear.mjs';

const view = new DataView(new ArrayBuffer(4));

/** Round to bfloat16: nearest, ties to even, from the float32 value. */
function bf16(x) {
  view.setFloat32(0, x);
  const bits = view.getUint32(0);
  const rounded = (bits + 0x7fff + ((bits >> 16) & 1)) & 0xffff0000;
  view.setUint32(0, rounded >>> 0);
  return view.getFloat32(0);
}

const roundings = { float32: Math.fround, float16: f16round, bfloat16: (x) => bf16(Math.fround(x)) };

export default chunkedLinearCrossEntropy(
  { targetGradient: (p, q, dtype) => Math.fround(roundings[dtype](p) - q) },
  'chunked-bf16-target',
);
