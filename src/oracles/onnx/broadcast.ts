/**
 * Where a binary loss's `weight` and `posWeight` go: they broadcast against the input by trailing
 * dimensions (BCE-5, BCEL-2), so they are fed with the input's rank.
 */

/**
 * Dims for `length` values against an input of `shape`: the whole shape (one value per element:
 * `weight` only), the last dimension, or a single value. Anything else cannot be laid out.
 */
export function broadcastDims(length: number, shape: readonly number[], field: 'weight' | 'posWeight'): number[] {
  const ones = Array<number>(Math.max(shape.length - 1, 0)).fill(1);
  const elements = shape.reduce((a, b) => a * b, 1);
  if (field === 'weight' && length === elements) return [...shape];
  if (shape.length > 0 && length === shape[shape.length - 1]) return [...ones, length];
  if (length === 1) return shape.length === 0 ? [] : [...ones, 1];
  const clause = field === 'weight' ? 'BCE-5' : 'BCEL-2';
  throw new Error(`${field}: ${length} values do not broadcast against shape [${shape.join(', ')}] (${clause})`);
}
