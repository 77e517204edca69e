// Bug: float32 logits rounded to bfloat16 before the computation (linkedin/Liger-Kernel issue
// 1432): the loss of a float32 case is that of other inputs.
import { ordinary } from '../plugins/ordinary.mjs';

const view = new DataView(new ArrayBuffer(4));

/** Round a float32 value to bfloat16, to nearest even (the top 16 bits). */
function bfloat16(x) {
  if (!Number.isFinite(x)) return x;
  view.setFloat32(0, x);
  const bits = view.getUint32(0);
  view.setUint32(0, ((bits + 0x7fff + ((bits >>> 16) & 1)) & 0xffff0000) >>> 0);
  return view.getFloat32(0);
}

export default ordinary({
  name: 'bf16-before-cast',
  parts: { prepare: (c) => Array.from(c.input, (x) => (c.dtype === 'float32' ? bfloat16(x) : x)) },
});
