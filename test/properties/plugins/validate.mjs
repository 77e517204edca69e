// PyTorch's rejections of bad input (torch profile, spec/profiles.md), as an ordinary
// implementation makes them: each throws with a message saying what is wrong.

const product = (dims) => dims.reduce((a, b) => a * b, 1);

function fail(message) {
  throw new Error(message);
}

function validateSoftmax(c) {
  const C = c.shape.length === 1 ? c.shape[0] : c.shape[1];
  if (c.shape.length === 0 || !(C >= 1)) fail('input needs a class axis with at least one class');
  const positions = c.shape.length === 1 ? 1 : c.shape[0] * product(c.shape.slice(2));
  if (c.target.length !== (c.targetKind === 'index' ? positions : c.input.length)) fail('target does not match shape');
  if (c.weight && c.weight.length !== C) fail('weight should have C elements');
  if (c.posWeight) fail('pos_weight is not an option of cross_entropy');
  if (!(c.labelSmoothing <= 1)) fail('label_smoothing must be between 0.0 and 1.0');
  const ignoreIndex = c.ignoreIndex ?? -100;
  if (!Number.isInteger(ignoreIndex)) fail('ignore_index must be an integer');
  if (c.targetKind === 'probability') {
    if (ignoreIndex >= 0) fail('ignore_index is not supported for floating point target');
    return;
  }
  for (const t of c.target) if (!Number.isInteger(t)) fail(`Target ${t} is not an integer class index`);
  for (const t of c.target) if (t !== ignoreIndex && (t < 0 || t >= C)) fail(`Target ${t} is out of bounds.`);
}

function validateBinary(c) {
  const n = c.input.length;
  const last = c.shape.length === 0 ? 1 : c.shape[c.shape.length - 1];
  if (c.target.length !== n) fail('target size must match input size');
  if (c.weight && ![n, last, 1].includes(c.weight.length)) fail('weight does not broadcast to the input');
  if (c.posWeight && (c.loss !== 'binary_cross_entropy_with_logits' || ![last, 1].includes(c.posWeight.length)))
    fail('pos_weight must be a vector of the last dimension');
  if (c.ignoreIndex !== undefined) fail('binary losses take no ignore_index');
  if (c.labelSmoothing !== 0) fail('binary losses take no label_smoothing');
  if (c.loss !== 'binary_cross_entropy') return;
  for (const p of c.input) if (!(p >= 0 && p <= 1)) fail('all elements of input should be between 0 and 1');
  for (const y of c.target) if (!(y >= 0 && y <= 1)) fail('all elements of target should be between 0 and 1');
}

/** Throws for a case PyTorch rejects. */
export function validate(c) {
  if (c.input.length !== product(c.shape)) fail('input does not match shape');
  if (c.loss === 'softmax_cross_entropy') validateSoftmax(c);
  else validateBinary(c);
}
