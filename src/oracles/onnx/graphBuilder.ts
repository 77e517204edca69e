/**
 * A small builder of one-graph ONNX models: named inputs and outputs, operator nodes with fresh
 * intermediate names, and constants stored as initializers.
 */
import { UsageError } from '../../case/errors.js';
import {
  AttributeType,
  ELEMENT_TYPE,
  irVersionFor,
  onnx,
  type AttributeProto,
  type ModelProto,
  type NodeProto,
  type TensorDtype,
  type TensorProto,
  type ValueInfoProto,
} from './onnxProto.js';
import { toTensorProto } from './tensorProto.js';

/** A dimension: a size, or a symbolic name shared by every tensor that has that size. */
export type Dim = number | string;

/** Integer, string and integer-list attributes: all the loss graphs need. */
export type AttributeValue = number | string | readonly number[];

function attribute(name: string, value: AttributeValue): AttributeProto {
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number') return { name, type: AttributeType.INT, i: value };
  return { name, type: AttributeType.INTS, ints: [...value] };
}

function valueInfo(name: string, dtype: TensorDtype, dims: readonly Dim[]): ValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType: ELEMENT_TYPE[dtype], shape: { dim } } } };
}

export class GraphBuilder {
  private readonly nodes: NodeProto[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private fresh = 0;

  /** `dtype` is the element type of the loss: the type of every float constant. */
  constructor(readonly dtype: TensorDtype) {}

  input(name: string, dtype: TensorDtype, dims: readonly Dim[]): string {
    this.inputs.push(valueInfo(name, dtype, dims));
    return name;
  }

  /** Declare a graph output; `source` is renamed through an Identity when it differs. */
  output(source: string, name: string, dtype: TensorDtype, dims: readonly Dim[]): void {
    if (source !== name) this.node('Identity', [source], [name]);
    this.outputs.push(valueInfo(name, dtype, dims));
  }

  node(
    opType: string,
    inputs: readonly string[],
    outputs: readonly string[],
    attributes: Record<string, AttributeValue> = {},
  ): void {
    const protos = Object.entries(attributes).map(([k, v]) => attribute(k, v));
    this.nodes.push({ opType, input: [...inputs], output: [...outputs], attribute: protos });
  }

  /** One node with one fresh output; returns the output's name. */
  op(opType: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}): string {
    const out = `${opType.toLowerCase()}_${this.fresh++}`;
    this.node(opType, inputs, [out], attributes);
    return out;
  }

  /** A constant tensor (an initializer); float constants take the graph's dtype by default. */
  constant(values: readonly number[], dims: readonly number[] = [], dtype: TensorDtype = this.dtype): string {
    const name = `const_${this.fresh++}`;
    this.initializers.push(toTensorProto({ name, dtype, dims, values: Float64Array.from(values) }));
    return name;
  }

  /** A Constant node, as onnx's function bodies hold their constants; float constants take the graph's dtype by default. */
  constantNode(values: readonly number[], dims: readonly number[] = [], dtype: TensorDtype = this.dtype): string {
    const out = `constant_${this.fresh++}`;
    const t = toTensorProto({ name: '', dtype, dims, values: Float64Array.from(values) });
    this.nodes.push({
      opType: 'Constant',
      input: [],
      output: [out],
      attribute: [{ name: 'value', type: AttributeType.TENSOR, t }],
    });
    return out;
  }

  /** A scalar of the graph's dtype. */
  scalar(value: number): string {
    return this.constant([value]);
  }

  model(opset: number, graphName = 'losscheck', producerName = 'losscheck'): ModelProto {
    return {
      irVersion: irVersionFor(opset),
      producerName,
      opsetImport: [{ domain: '', version: opset }],
      graph: {
        name: graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    };
  }
}

export function encodeModel(model: ModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

/** A serialised ModelProto; bytes that are not one are a UsageError saying why (CLI-2). */
export function decodeModel(bytes: Uint8Array): ModelProto {
  try {
    return onnx.ModelProto.decode(bytes);
  } catch (e) {
    throw new UsageError(`not an ONNX model: ${(e as Error).message}`);
  }
}
