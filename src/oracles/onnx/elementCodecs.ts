/**
 * How one element of each dtype is stored in a TensorProto: little-endian in `raw_data`, or in
 * the typed field the ONNX schema assigns (onnx.proto: float16 and bfloat16 keep their bit
 * patterns in `int32_data`, zero-extended).
 */
import { getFloat16, setFloat16 } from '@petamoriken/float16';
import { roundTo } from '../../numeric/dtype.js';
import type { TensorDtype } from './onnxProto.js';

export type TypedField = 'floatData' | 'doubleData' | 'int32Data' | 'int64Data';

export interface ElementCodec {
  readonly bytes: number;
  readRaw(view: DataView, offset: number): number;
  writeRaw(view: DataView, offset: number, value: number): void;
  readonly field: TypedField;
  /** The typed-field entry of a value (a bit pattern for float16 and bfloat16). */
  toField(value: number): number;
  fromField(entry: number): number;
}

const scratch = new DataView(new ArrayBuffer(4));
const roundBfloat16 = roundTo('bfloat16');

function float16Bits(value: number): number {
  setFloat16(scratch, 0, value, true);
  return scratch.getUint16(0, true);
}

function float16FromBits(bits: number): number {
  scratch.setUint16(0, bits, true);
  return getFloat16(scratch, 0, true);
}

/** bfloat16 is the upper half of a float32: round once to bfloat16, then keep the top 16 bits. */
function bfloat16Bits(value: number): number {
  scratch.setFloat32(0, roundBfloat16(value), true);
  return scratch.getUint32(0, true) >>> 16;
}

function bfloat16FromBits(bits: number): number {
  scratch.setUint32(0, (bits & 0xffff) << 16, true);
  return scratch.getFloat32(0, true);
}

function int64FromRaw(view: DataView, offset: number): number {
  const big = view.getBigInt64(offset, true);
  const n = Number(big);
  if (!Number.isSafeInteger(n)) throw new Error(`int64 value ${big} is not exactly representable as a double`);
  return n;
}

const identity = (v: number): number => v;

export const ELEMENT_CODECS: Readonly<Record<TensorDtype, ElementCodec>> = {
  float64: {
    bytes: 8,
    readRaw: (v, o) => v.getFloat64(o, true),
    writeRaw: (v, o, x) => v.setFloat64(o, x, true),
    field: 'doubleData',
    toField: identity,
    fromField: identity,
  },
  float32: {
    bytes: 4,
    readRaw: (v, o) => v.getFloat32(o, true),
    writeRaw: (v, o, x) => v.setFloat32(o, x, true),
    field: 'floatData',
    toField: Math.fround,
    fromField: identity,
  },
  float16: {
    bytes: 2,
    readRaw: (v, o) => getFloat16(v, o, true),
    writeRaw: (v, o, x) => setFloat16(v, o, x, true),
    field: 'int32Data',
    toField: float16Bits,
    fromField: float16FromBits,
  },
  bfloat16: {
    bytes: 2,
    readRaw: (v, o) => bfloat16FromBits(v.getUint16(o, true)),
    writeRaw: (v, o, x) => v.setUint16(o, bfloat16Bits(x), true),
    field: 'int32Data',
    toField: bfloat16Bits,
    fromField: bfloat16FromBits,
  },
  int32: {
    bytes: 4,
    readRaw: (v, o) => v.getInt32(o, true),
    writeRaw: (v, o, x) => v.setInt32(o, x, true),
    field: 'int32Data',
    toField: identity,
    fromField: identity,
  },
  int64: {
    bytes: 8,
    readRaw: int64FromRaw,
    writeRaw: (v, o, x) => v.setBigInt64(o, BigInt(x), true),
    field: 'int64Data',
    toField: identity,
    fromField: identity,
  },
};
