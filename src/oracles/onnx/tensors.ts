/**
 * Case values ↔ ONNX Runtime tensors, as plain data that either runtime turns into its own tensor
 * (runtime.ts). float16 travels as its bit patterns (Uint16Array: Node 20 has no global
 * Float16Array) and is converted exactly both ways; neither JavaScript package has a bfloat16
 * tensor type.
 */
import { Float16Array } from '@petamoriken/float16';
import type { Dtype } from '../../case/types.js';
import type { DecodedTensor } from './tensorProto.js';

/** A tensor's element type, values and dims: what `new Tensor(type, data, dims)` takes. */
export type TensorData =
  | { readonly type: 'float64'; readonly data: Float64Array; readonly dims: readonly number[] }
  | { readonly type: 'float32'; readonly data: Float32Array; readonly dims: readonly number[] }
  | { readonly type: 'float16'; readonly data: Uint16Array; readonly dims: readonly number[] }
  | { readonly type: 'int64'; readonly data: BigInt64Array; readonly dims: readonly number[] }
  | { readonly type: 'int32'; readonly data: Int32Array; readonly dims: readonly number[] };

/** A float tensor of the dtype; values not in the dtype are rounded to nearest, as a framework's constructor does. */
export function floatTensor(dtype: Dtype, values: ArrayLike<number>, dims: readonly number[]): TensorData {
  switch (dtype) {
    case 'float64':
      // A decoded case's values are already doubles: ORT reads them where they are (no 8-byte copy per value).
      return { type: 'float64', data: values instanceof Float64Array ? values : Float64Array.from(values), dims };
    case 'float32':
      return { type: 'float32', data: Float32Array.from(values), dims };
    case 'float16':
      return { type: 'float16', data: new Uint16Array(Float16Array.from(values).buffer), dims };
    case 'bfloat16':
      throw new Error("ONNX Runtime's JavaScript packages have no bfloat16 tensor type");
  }
}

/** A scalar of the dtype. */
export const scalarTensor = (dtype: Dtype, value: number): TensorData => floatTensor(dtype, [value], []);

/** int64 class labels; a value that is not an integer cannot become one (CE-3.1). */
export function labelTensor(labels: ArrayLike<number>, dims: readonly number[], field = 'target'): TensorData {
  const ints = BigInt64Array.from(labels, (v, i) => {
    if (!Number.isSafeInteger(v)) throw new Error(`${field}[${i}]: ${v} is not an int64 class index (CE-3.1)`);
    return BigInt(v);
  });
  return { type: 'int64', data: ints, dims };
}

/** The tensor of a backend-test tensor. */
export function tensorOf(t: DecodedTensor): TensorData {
  if (t.dtype === 'int64') return labelTensor(t.values, t.dims, t.name);
  if (t.dtype === 'int32') return { type: 'int32', data: Int32Array.from(t.values), dims: t.dims };
  return floatTensor(t.dtype, t.values, t.dims);
}

/** A float output (of either runtime) as doubles, exactly. */
export function tensorValues(t: { readonly type: string; readonly data: unknown }): Float64Array {
  const { data } = t;
  if (t.type === 'float16' && data instanceof Uint16Array) {
    return Float64Array.from(new Float16Array(data.buffer, data.byteOffset, data.length));
  }
  if (t.type !== 'float16' && t.type !== 'float32' && t.type !== 'float64')
    throw new Error(`unexpected ${t.type} output`);
  // Each run's outputs are fresh arrays: a float64 one is taken as it is.
  return data instanceof Float64Array ? data : Float64Array.from(data as ArrayLike<number>);
}
