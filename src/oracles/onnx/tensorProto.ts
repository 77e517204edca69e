/**
 * TensorProto ↔ values: the `.pb` files of ONNX backend-test directories and the constants of
 * the loss graphs. Reads `raw_data` and the typed fields (`float_data`, `double_data`,
 * `int32_data`, `int64_data`) for float16, float32, float64, bfloat16, int32 and int64.
 */
import { UsageError } from '../../case/errors.js';
import { ELEMENT_CODECS } from './elementCodecs.js';
import { ELEMENT_TYPE, int64ToNumber, onnx, tensorDtypeOf, type TensorDtype, type TensorProto } from './onnxProto.js';

/** A tensor's values as doubles (integers exactly; int64 beyond 2^53 is rejected). */
export interface DecodedTensor {
  readonly name: string;
  readonly dtype: TensorDtype;
  readonly dims: readonly number[];
  readonly values: Float64Array;
}

/** `raw` is what numpy_helper.from_array writes; `typed` uses the schema's repeated fields. */
export type TensorLayout = 'raw' | 'typed';

const elementCount = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

function rawBytes(t: DecodedTensor): Uint8Array {
  const codec = ELEMENT_CODECS[t.dtype];
  const bytes = new Uint8Array(t.values.length * codec.bytes);
  const view = new DataView(bytes.buffer);
  t.values.forEach((v, i) => codec.writeRaw(view, i * codec.bytes, v));
  return bytes;
}

/** The TensorProto of a tensor; values not in the dtype are rounded to nearest (float) or rejected (int). */
export function toTensorProto(t: DecodedTensor, layout: TensorLayout = 'raw'): TensorProto {
  if (t.values.length !== elementCount(t.dims)) {
    throw new Error(`tensor ${t.name}: ${t.values.length} values for dims [${t.dims.join(', ')}]`);
  }
  const codec = ELEMENT_CODECS[t.dtype];
  const data = layout === 'raw' ? { rawData: rawBytes(t) } : { [codec.field]: Array.from(t.values, codec.toField) };
  return { name: t.name, dataType: ELEMENT_TYPE[t.dtype], dims: [...t.dims], ...data };
}

function readRaw(raw: Uint8Array, dtype: TensorDtype, count: number): Float64Array {
  const codec = ELEMENT_CODECS[dtype];
  if (raw.length !== count * codec.bytes)
    throw new Error(`raw_data has ${raw.length} bytes, expected ${count * codec.bytes}`);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  return Float64Array.from({ length: count }, (_, i) => codec.readRaw(view, i * codec.bytes));
}

function readTyped(p: TensorProto, dtype: TensorDtype, count: number): Float64Array {
  const codec = ELEMENT_CODECS[dtype];
  const entries = (p[codec.field] ?? []) as (number | { toNumber(): number; toString(): string })[];
  if (entries.length !== count) throw new Error(`${codec.field} has ${entries.length} entries, expected ${count}`);
  // protobufjs decodes int64 entries as Long objects, every other field as numbers.
  return Float64Array.from(entries, (e) => codec.fromField(typeof e === 'number' ? e : int64ToNumber(e)));
}

/** Values of a TensorProto, from `raw_data` when present, else from its typed field. */
export function fromTensorProto(p: TensorProto): DecodedTensor {
  const dtype = tensorDtypeOf(p.dataType ?? 0);
  const name = p.name ?? '';
  if (dtype === undefined)
    throw new Error(`tensor ${name}: element type ${p.dataType} is not float16/32/64, bfloat16, int32 or int64`);
  if (p.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL)
    throw new Error(`tensor ${name}: external data is not supported`);
  const dims = (p.dims ?? []).map(int64ToNumber);
  const count = elementCount(dims);
  const values = p.rawData && p.rawData.length > 0 ? readRaw(p.rawData, dtype, count) : readTyped(p, dtype, count);
  return { name, dtype, dims, values };
}

export function encodeTensor(t: DecodedTensor, layout: TensorLayout = 'raw'): Uint8Array {
  return onnx.TensorProto.encode(toTensorProto(t, layout)).finish();
}

/** A serialised TensorProto; bytes that are not one are a UsageError saying why (CLI-2). */
export function decodeTensor(bytes: Uint8Array): DecodedTensor {
  try {
    return fromTensorProto(onnx.TensorProto.decode(bytes));
  } catch (e) {
    throw new UsageError(`not a TensorProto that losscheck reads: ${(e as Error).message}`);
  }
}
