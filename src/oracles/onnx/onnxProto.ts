/**
 * The ONNX protobuf schema, through onnx-proto's generated classes (a maintained encoding of
 * onnx.proto: no hand-written protobuf), and the mapping of losscheck's dtypes onto it.
 */
import onnxProto from 'onnx-proto';
import type { Dtype } from '../../case/types.js';

export const onnx = onnxProto.onnx;
export type ModelProto = onnxProto.onnx.IModelProto;
export type NodeProto = onnxProto.onnx.INodeProto;
export type TensorProto = onnxProto.onnx.ITensorProto;
export type AttributeProto = onnxProto.onnx.IAttributeProto;
export type ValueInfoProto = onnxProto.onnx.IValueInfoProto;

export const DataType = onnx.TensorProto.DataType;
export const AttributeType = onnx.AttributeProto.AttributeType;

/** The element types a loss graph or a backend-test tensor may hold. */
export type TensorDtype = Dtype | 'int32' | 'int64';

export const ELEMENT_TYPE: Readonly<Record<TensorDtype, number>> = {
  float64: DataType.DOUBLE,
  float32: DataType.FLOAT,
  float16: DataType.FLOAT16,
  bfloat16: DataType.BFLOAT16,
  int32: DataType.INT32,
  int64: DataType.INT64,
};

/** The dtype of an ONNX element type, or undefined for one losscheck does not read. */
export function tensorDtypeOf(elementType: number): TensorDtype | undefined {
  const entry = Object.entries(ELEMENT_TYPE).find(([, t]) => t === elementType);
  return entry?.[0] as TensorDtype | undefined;
}

/**
 * The IR version the onnx package stamps on a model of this opset: the IR of the first onnx
 * release that shipped the opset (onnx.helper.VERSION_TABLE, as make_model_gen_version picks).
 */
export function irVersionFor(opset: number): number {
  if (opset <= 14) return 7;
  if (opset <= 18) return 8;
  if (opset <= 20) return 9;
  if (opset <= 22) return 10;
  return 11;
}

/** An int64 protobuf field (a number or a Long) as a number; throws if it is not exact. */
export function int64ToNumber(value: number | { toNumber(): number; toString(): string }): number {
  const n = typeof value === 'number' ? value : value.toNumber();
  if (!Number.isSafeInteger(n))
    throw new Error(`int64 value ${String(value)} is not exactly representable as a double`);
  return n;
}
