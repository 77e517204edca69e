/**
 * TensorProto round trips for every dtype, through raw_data and through the typed fields.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/case/errors.js';
import { roundTo } from '../../../src/numeric/dtype.js';
import { onnx, type TensorDtype } from '../../../src/oracles/onnx/onnxProto.js';
import {
  decodeTensor,
  encodeTensor,
  fromTensorProto,
  type DecodedTensor,
} from '../../../src/oracles/onnx/tensorProto.js';
import { damaged, onlyTyped } from '../../__helpers__/fuzz.js';

const FLOAT_SPECIALS = [0, -0, 1, -2.5, 1 / 3, 1e-40, 65504, 1e30, Infinity, -Infinity, NaN];
const INTEGERS = [0, -1, 7, -100, 2 ** 31 - 1, -(2 ** 31)];

const VALUES: Readonly<Record<TensorDtype, readonly number[]>> = {
  float64: [...FLOAT_SPECIALS, 5e-324, Number.MAX_VALUE],
  float32: FLOAT_SPECIALS.map(Math.fround),
  float16: FLOAT_SPECIALS.map(roundTo('float16')),
  bfloat16: FLOAT_SPECIALS.map(roundTo('bfloat16')),
  int32: INTEGERS,
  int64: [...INTEGERS, 2 ** 53 - 1, -(2 ** 40)],
};

const tensor = (dtype: TensorDtype): DecodedTensor => {
  const values = Float64Array.from(VALUES[dtype]);
  return { name: `t_${dtype}`, dtype, dims: [1, values.length], values };
};

/** Same values bit for bit: NaN equals NaN, −0 differs from +0. */
const sameValues = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe.each(['raw', 'typed'] as const)('%s layout', (layout) => {
  it.each(Object.keys(VALUES) as TensorDtype[])('%s round-trips exactly', (dtype) => {
    const t = tensor(dtype);
    const back = decodeTensor(encodeTensor(t, layout));
    expect(back.name).toBe(t.name);
    expect(back.dtype).toBe(dtype);
    expect(back.dims).toEqual(t.dims);
    expect(sameValues(back.values, t.values), `${Array.from(back.values)}`).toBe(true);
  });
});

describe('reading', () => {
  it('prefers raw_data, and reads a scalar (dims [])', () => {
    const t: DecodedTensor = { name: 's', dtype: 'float32', dims: [], values: Float64Array.of(0.5) };
    expect(decodeTensor(encodeTensor(t)).values).toEqual(Float64Array.of(0.5));
  });

  it('reads float16 bit patterns from int32_data (0x3c00 is 1)', () => {
    const p = { name: 'h', dataType: onnx.TensorProto.DataType.FLOAT16, dims: [2], int32Data: [0x3c00, 0xfc00] };
    expect(Array.from(fromTensorProto(p).values)).toEqual([1, -Infinity]);
  });

  it('refuses what it cannot read, naming the tensor', () => {
    expect(() => fromTensorProto({ name: 'u', dataType: onnx.TensorProto.DataType.UINT8, dims: [1] })).toThrow(
      /tensor u: element type 2/,
    );
    expect(() =>
      fromTensorProto({ name: 'n', dataType: onnx.TensorProto.DataType.FLOAT, dims: [3], floatData: [1] }),
    ).toThrow(/floatData has 1 entries, expected 3/);
    const external = { name: 'e', dataType: 1, dims: [1], dataLocation: onnx.TensorProto.DataLocation.EXTERNAL };
    expect(() => fromTensorProto(external)).toThrow(/external data/);
  });

  it('refuses int64 values a double cannot hold', () => {
    const raw = new Uint8Array(8);
    new DataView(raw.buffer).setBigInt64(0, 2n ** 62n, true);
    expect(() =>
      fromTensorProto({ name: 'big', dataType: onnx.TensorProto.DataType.INT64, dims: [1], rawData: raw }),
    ).toThrow(/not exactly representable/);
  });
});

describe('decodeTensor on damaged and random bytes (CLI-3: only typed errors)', () => {
  it.each(['raw', 'typed'] as const)(
    'should read a damaged %s encoding, or throw a UsageError saying why',
    (layout) => {
      const bytes = encodeTensor(tensor('float32'), layout);
      fc.assert(fc.property(damaged(bytes), (b) => onlyTyped(() => decodeTensor(b), [UsageError])));
    },
  );

  it('should read random bytes, or throw a UsageError saying why', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => onlyTyped(() => decodeTensor(b), [UsageError])));
    expect(() => decodeTensor(encodeTensor(tensor('float64')).slice(0, 20))).toThrow(
      /^not a TensorProto that losscheck reads: /,
    );
  });
});
