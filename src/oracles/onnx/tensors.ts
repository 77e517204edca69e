/**
 * Case values ↔ onnxruntime-node tensors. float16 travels as its bit patterns (Uint16Array: Node
 * 20 has no global Float16Array) and is converted exactly both ways; onnxruntime-node has no
 * bfloat16 tensor type at all.
 */
import { Float16Array } from '@petamoriken/float16';
import ort from 'onnxruntime-node';
import type { Dtype } from '../../case/types.js';
import type { DecodedTensor } from './tensorProto.js';

/** A float tensor of the dtype; values not in the dtype are rounded to nearest, as a framework's constructor does. */
export function floatTensor(dtype: Dtype, values: ArrayLike<number>, dims: readonly number[]): ort.Tensor {
  switch (dtype) {
    case 'float64':
      return new ort.Tensor('float64', Float64Array.from(values), dims);
    case 'float32':
      return new ort.Tensor('float32', Float32Array.from(values), dims);
    case 'float16':
      return new ort.Tensor('float16', new Uint16Array(Float16Array.from(values).buffer), dims);
    case 'bfloat16':
      throw new Error('onnxruntime-node has no bfloat16 tensor type');
  }
}

/** A scalar of the dtype. */
export const scalarTensor = (dtype: Dtype, value: number): ort.Tensor => floatTensor(dtype, [value], []);

/** int64 class labels; a value that is not an integer cannot become one (CE-3.1). */
export function labelTensor(labels: ArrayLike<number>, dims: readonly number[], field = 'target'): ort.Tensor {
  const ints = BigInt64Array.from(labels, (v, i) => {
    if (!Number.isSafeInteger(v)) throw new Error(`${field}[${i}]: ${v} is not an int64 class index (CE-3.1)`);
    return BigInt(v);
  });
  return new ort.Tensor('int64', ints, dims);
}

/** The ORT tensor of a backend-test tensor. */
export function tensorOf(t: DecodedTensor): ort.Tensor {
  if (t.dtype === 'int64') return labelTensor(t.values, t.dims, t.name);
  if (t.dtype === 'int32') return new ort.Tensor('int32', Int32Array.from(t.values), t.dims);
  return floatTensor(t.dtype, t.values, t.dims);
}

/** A float output as doubles, exactly. */
export function tensorValues(t: ort.Tensor): Float64Array {
  const { data } = t;
  if (t.type === 'float16' && data instanceof Uint16Array) {
    return Float64Array.from(new Float16Array(data.buffer, data.byteOffset, data.length));
  }
  if (t.type !== 'float16' && t.type !== 'float32' && t.type !== 'float64')
    throw new Error(`unexpected ${t.type} output`);
  return Float64Array.from(data as ArrayLike<number>);
}
