import { describe, expect, it } from 'vitest';
import { Label } from '../../src/case/validate.js';
import { bceJson, bcelJson, softmaxJson, valid } from '../__helpers__/cases.js';
import { rejection } from '../__helpers__/errors.js';

const rejects = (json: Record<string, unknown>) => rejection(() => valid(json));

describe('validateCase: shapes (FMT-1.2, CE-1)', () => {
  it('should lay out [N, C, d1..dk] with the class axis 1 (CE-1.1)', () => {
    const c = valid(softmaxJson({ shape: [2, 3, 4, 5], input: Array(120).fill(0), target: Array(40).fill(1) }));
    expect([c.positions, c.classes, c.inner]).toEqual([40, 3, 20]);
  });

  it('should take [C] alone as one position (CE-1.2)', () => {
    const c = valid(softmaxJson({ shape: [3], input: [1, 2, 3], target: [2] }));
    expect([c.positions, c.classes, c.inner]).toEqual([1, 3, 1]);
  });

  it('should reject an input whose length does not match the shape', () => {
    expect(rejects(softmaxJson({ shape: [2, 4] }))).toMatchObject({
      code: 'shape_mismatch',
      field: 'input',
      clause: 'FMT-1.2',
    });
  });

  it('should reject a target of the wrong size (CE-3.1, CE-4.1)', () => {
    expect(rejects(softmaxJson({ target: [0, 1, 2] }))).toMatchObject({
      code: 'shape_mismatch',
      field: 'target',
      clause: 'CE-3.1',
    });
    expect(rejects(softmaxJson({ targetKind: 'probability' }))).toMatchObject({
      code: 'shape_mismatch',
      clause: 'CE-4.1',
    });
  });

  it('should reject a [C] input under onnx, whose operators need a batch axis (CE-1.2, PRO-20)', () => {
    const unbatched = { shape: [3], input: [1, 2, 3], target: [2] };
    for (const loss of ['softmax_cross_entropy', 'negative_log_likelihood']) {
      expect(rejects(softmaxJson({ ...unbatched, loss, profile: 'onnx' }))).toMatchObject({
        code: 'not_defined_by_profile',
        field: 'shape',
        clause: 'CE-1.2, PRO-20 onnx',
      });
      expect(valid(softmaxJson({ ...unbatched, loss, profile: 'torch' })).positions).toBe(1);
    }
    expect(valid(softmaxJson({ ...unbatched, profile: 'keras' })).positions).toBe(1);
    expect(valid(bcelJson({ profile: 'onnx' })).positions).toBe(3);
  });

  it('should lay out the keras binary losses in rows of the last axis, and reject a rank-0 input (PRO-18)', () => {
    const grid = { shape: [2, 3], input: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], target: [0, 1, 0, 1, 0, 1] };
    const rows = valid(bceJson({ ...grid, profile: 'keras' }));
    expect([rows.positions, rows.rowLength]).toEqual([2, 3]);
    const elements = valid(bceJson({ ...grid, profile: 'torch' }));
    expect([elements.positions, elements.rowLength]).toEqual([6, 1]);
    expect([valid(bcelJson({ profile: 'keras' })).positions, valid(bcelJson({ profile: 'keras' })).rowLength]).toEqual([
      1, 3,
    ]);
    const empty = valid(bcelJson({ shape: [2, 0], input: [], target: [], profile: 'keras' }));
    expect([empty.positions, empty.rowLength]).toEqual([2, 0]);
    expect(rejects(bcelJson({ shape: [], input: [0], target: [1], profile: 'keras' }))).toMatchObject({
      code: 'not_defined_by_profile',
      field: 'shape',
      clause: 'PRO-18 keras',
    });
    expect(valid(bcelJson({ shape: [], input: [0], target: [1] })).positions).toBe(1);
  });

  it('should take index targets over one class under keras only where its squeeze keeps a class axis (PRO-23)', () => {
    const one = (shape: number[]) => {
      const n = shape.reduce((a, b) => a * b, 1);
      return softmaxJson({ shape, input: Array(n).fill(0), target: Array(n).fill(0), profile: 'keras' });
    };
    for (const shape of [[1], [2, 1, 3], [2, 1, 3, 2]])
      expect(rejects(one(shape))).toMatchObject({
        code: 'not_defined_by_profile',
        field: 'shape',
        clause: 'PRO-23 keras',
      });
    for (const shape of [
      [3, 1],
      [2, 1, 3, 1],
    ])
      expect(valid(one(shape)).classes).toBe(1);
    expect(valid({ ...one([2, 1, 3]), profile: 'torch' }).classes).toBe(1);
    expect(valid({ ...one([2, 1, 3]), targetKind: 'probability', target: Array(6).fill(1) }).classes).toBe(1);
  });

  it('should reject mean and sum of an empty [0] batch under keras, which leaves it unreduced (PRO-7, RED-5)', () => {
    const empty = { shape: [0, 3], input: [], target: [], profile: 'keras' };
    for (const reduction of ['mean', 'sum'])
      expect(rejects(softmaxJson({ ...empty, reduction }))).toMatchObject({
        code: 'not_defined_by_profile',
        field: 'reduction',
        clause: 'PRO-7 keras',
      });
    expect(rejects(bcelJson({ ...empty, reduction: 'sum' }))).toMatchObject({ clause: 'PRO-7 keras' });
    expect(valid(softmaxJson({ ...empty, reduction: 'none' })).positions).toBe(0);
    expect(valid(softmaxJson({ ...empty, shape: [0, 3, 2] })).positions).toBe(0);
    expect(valid(softmaxJson({ ...empty, profile: 'torch' })).positions).toBe(0);
  });

  it('should reject zero classes (CE-1.4) but accept an empty batch', () => {
    expect(rejects(softmaxJson({ shape: [2, 0], input: [], target: [0, 0] }))).toMatchObject({ clause: 'CE-1.4' });
    expect(valid(softmaxJson({ shape: [0, 3], input: [], target: [] })).positions).toBe(0);
  });

  it('should check weight sizes: C for softmax CE (CE-5.1), numel, last dim or 1 for binary (BCE-5, BCEL-2)', () => {
    expect(rejects(softmaxJson({ weight: [1, 2] }))).toMatchObject({ field: 'weight', clause: 'CE-5.1' });
    const grid = { shape: [2, 3], input: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], target: [0, 1, 0, 1, 0, 1] };
    for (const weight of [[2], [1, 2, 3], [1, 2, 3, 4, 5, 6]])
      expect(valid(bceJson({ ...grid, weight })).positions).toBe(6);
    expect(rejects(bceJson({ ...grid, weight: [1, 2] }))).toMatchObject({ field: 'weight', clause: 'BCE-5' });
    expect(rejects(bcelJson({ posWeight: [1, 2] }))).toMatchObject({ field: 'posWeight', clause: 'BCEL-2' });
    expect(rejects(bceJson({ posWeight: [1, 2, 3] }))).toMatchObject({
      code: 'not_defined_by_profile',
      field: 'posWeight',
    });
    expect(rejects(softmaxJson({ posWeight: [1] }))).toMatchObject({
      code: 'not_defined_by_profile',
      field: 'posWeight',
    });
  });

  it('should refuse logProb outside softmax CE (CE-2.3)', () => {
    expect(rejects(bcelJson({ outputs: ['logProb'] }))).toMatchObject({ code: 'unknown_value', clause: 'CE-2.3' });
  });
});

describe('validateCase: dtype values (DT-2)', () => {
  it('should reject a value that is not a float32 and say the nearest one', () => {
    const r = rejects(softmaxJson({ dtype: 'float32', input: [1, 2, 0.1, 0, 0, 0] }));
    expect(r).toMatchObject({ code: 'not_representable', field: 'input[2]', clause: 'DT-2' });
    expect(r?.message).toContain('0.10000000149011612');
  });

  it('should check every dtype, weights and probability targets included', () => {
    expect(rejects(softmaxJson({ dtype: 'float16', input: [1, 2, 3, 0.5, -1, 65520] }))).toMatchObject({
      field: 'input[5]',
    });
    expect(rejects(softmaxJson({ dtype: 'bfloat16', weight: [1, 1.01, 1] }))).toMatchObject({ field: 'weight[1]' });
    expect(rejects(bceJson({ dtype: 'float32', target: [0, 1, 1 / 3] }))).toMatchObject({ field: 'target[2]' });
    expect(valid(softmaxJson({ dtype: 'bfloat16', input: [1, 2, 3, 0.5, -1, 'NaN'] })).dtype).toBe('bfloat16');
  });

  it('should reject NaN weights (CE-5.1)', () => {
    expect(rejects(softmaxJson({ weight: [1, 'NaN', 1] }))).toMatchObject({ code: 'not_finite', field: 'weight[1]' });
  });
});

describe('validateCase: labels (CE-3.1, CE-3.2, IGN-2, PRO-3)', () => {
  it('should reject label 7 with 3 classes under torch, naming target, clause and value (FMT-4)', () => {
    const r = rejects(softmaxJson({ shape: [3], input: [1, 2, 3], target: [7] }));
    expect(r).toMatchObject({ code: 'label_out_of_range', field: 'target[0]', clause: 'CE-3.2, PRO-3 torch' });
    expect(r?.message).toContain('label 7 is outside [0, 3)');
  });

  it('should reject a non-integer class index', () => {
    expect(rejects(softmaxJson({ target: [0, 1.5] }))).toMatchObject({ code: 'label_not_integer', field: 'target[1]' });
  });

  it('should ignore -100 by default under torch, nothing under onnx (PRO-1)', () => {
    expect(valid(softmaxJson({ target: [-100, 1] })).labels).toEqual(Int32Array.of(Label.ignored, 1));
    expect(rejects(softmaxJson({ target: [-100, 1], profile: 'onnx' }))).toMatchObject({ code: 'label_out_of_range' });
  });

  it('should test the ignore index before the range, inside or outside [0, C) (IGN-2)', () => {
    expect(valid(softmaxJson({ target: [255, 1], ignoreIndex: 255 })).labels).toEqual(Int32Array.of(Label.ignored, 1));
    expect(valid(softmaxJson({ target: [1, 1], ignoreIndex: 1 })).labels).toEqual(
      Int32Array.of(Label.ignored, Label.ignored),
    );
  });

  it('should map out-of-range labels to a zero row under tfjs and wrap or NaN under optax (PRO-3)', () => {
    expect(valid(softmaxJson({ target: [5, -1], profile: 'tfjs' })).labels).toEqual(
      Int32Array.of(Label.zeroRow, Label.zeroRow),
    );
    expect(valid(softmaxJson({ target: [-1, 3], profile: 'optax' })).labels).toEqual(Int32Array.of(2, Label.nan));
    expect(valid(softmaxJson({ target: [-4, 0], profile: 'optax' })).labels).toEqual(Int32Array.of(Label.nan, 0));
  });

  it('should round labels and the ignore index into the dtype under keras before using them (PRO-19)', () => {
    const wide = (over: Record<string, unknown>) =>
      softmaxJson({ shape: [2, 300], input: Array(600).fill(0), profile: 'keras', ...over });
    // bfloat16 holds integers exactly up to 256: 257 is 256, 259 is 260.
    expect(valid(wide({ dtype: 'bfloat16', target: [257, 259] })).labels).toEqual(Int32Array.of(256, 260));
    expect(valid(wide({ dtype: 'float32', target: [257, 259] })).labels).toEqual(Int32Array.of(257, 259));
    expect(valid(wide({ dtype: 'bfloat16', target: [257, 1], profile: 'torch' })).labels).toEqual(
      Int32Array.of(257, 1),
    );
    // the ignore index too: 257 ignores label 256
    expect(valid(wide({ dtype: 'bfloat16', target: [256, 1], ignoreIndex: 257 })).labels).toEqual(
      Int32Array.of(Label.ignored, 1),
    );
    // float16 overflows 70000 to +∞: out of range, saying what it became
    expect(rejects(wide({ dtype: 'float16', target: [70000, 1] }))).toMatchObject({
      code: 'label_out_of_range',
      field: 'target[0]',
      clause: 'CE-3.2, PRO-3, PRO-19 keras',
      message: expect.stringContaining('as float16: Infinity') as unknown,
    });
  });
});

describe('validateCase: options the profile defines (PRO-2, PRO-4, PRO-5, PRO-14)', () => {
  it('should reject label smoothing above 1 under torch and treat a negative one as none (LS-6, PRO-4)', () => {
    expect(rejects(softmaxJson({ labelSmoothing: 1.5 }))).toMatchObject({
      code: 'smoothing_out_of_range',
      field: 'labelSmoothing',
    });
    expect(valid(softmaxJson({ labelSmoothing: -0.2 })).smoothing).toBe(0);
    expect(valid(softmaxJson({ labelSmoothing: 1 })).smoothing).toBe(1);
  });

  it('should apply any smoothing under keras and optax, and only positive ones under tfjs (PRO-4)', () => {
    const dense = { targetKind: 'probability', target: [1, 0, 0, 0, 0, 1] };
    expect(valid(softmaxJson({ ...dense, labelSmoothing: 1.5, profile: 'keras' })).smoothing).toBe(1.5);
    expect(valid(softmaxJson({ ...dense, labelSmoothing: -0.5, profile: 'optax' })).smoothing).toBe(-0.5);
    expect(valid(softmaxJson({ labelSmoothing: -0.5, profile: 'tfjs' })).smoothing).toBe(0);
    expect(rejects(softmaxJson({ ...dense, labelSmoothing: 'NaN', profile: 'keras' }))).toMatchObject({
      code: 'smoothing_out_of_range',
    });
  });

  it('should reject smoothing of index targets under keras and optax, whose integer-label losses have none (PRO-2, CE-3.4)', () => {
    for (const profile of ['keras', 'optax']) {
      expect(rejects(softmaxJson({ labelSmoothing: 0.1, profile }))).toMatchObject({
        code: 'not_defined_by_profile',
        field: 'labelSmoothing',
        clause: `PRO-2 ${profile}`,
      });
      expect(valid(softmaxJson({ labelSmoothing: 0, profile })).smoothing).toBe(0);
    }
    expect(valid(softmaxJson({ labelSmoothing: 0.1, profile: 'tfjs' })).smoothing).toBe(0.1);
    expect(valid(softmaxJson({ labelSmoothing: 0.1, profile: 'onnx' })).smoothing).toBe(0.1);
  });

  it('should smooth by the channel-last shape[1] under tfjs (LS-5, PRO-5)', () => {
    const grid = { shape: [1, 3, 2], input: [0, 1, 2, 3, 4, 5], target: [0, 1], labelSmoothing: 0.1 };
    expect(valid(softmaxJson({ ...grid, profile: 'tfjs' })).smoothingClasses).toBe(2);
    expect(valid(softmaxJson(grid)).smoothingClasses).toBe(3);
    expect(
      rejects(softmaxJson({ shape: [3], input: [1, 2, 3], target: [0], labelSmoothing: 0.1, profile: 'tfjs' })),
    ).toMatchObject({ clause: 'LS-5, PRO-5 tfjs' });
  });

  it('should reject index targets over one class under tfjs, whose tf.oneHot needs depth 2 (PRO-15)', () => {
    const oneClass = { shape: [2, 1], input: [1, 2], target: [0, 0], profile: 'tfjs' };
    expect(rejects(softmaxJson(oneClass))).toMatchObject({
      code: 'not_defined_by_profile',
      field: 'targetKind',
      clause: 'PRO-15 tfjs',
    });
    expect(valid(softmaxJson({ ...oneClass, targetKind: 'probability', target: [1, 1] })).classes).toBe(1);
    expect(valid(softmaxJson({ ...oneClass, profile: 'torch' })).classes).toBe(1);
  });

  it('should reject options a profile does not define (PRO-2)', () => {
    expect(rejects(softmaxJson({ weight: [1, 2, 3], profile: 'keras' }))).toMatchObject({
      code: 'not_defined_by_profile',
      field: 'weight',
    });
    expect(rejects(softmaxJson({ ignoreIndex: -1, profile: 'optax' }))).toMatchObject({
      code: 'not_defined_by_profile',
      field: 'ignoreIndex',
    });
    expect(rejects(bcelJson({ posWeight: [2], profile: 'tfjs' }))).toMatchObject({ field: 'posWeight' });
    expect(rejects(bceJson({ profile: 'optax' }))).toMatchObject({ field: 'loss', code: 'not_defined_by_profile' });
    expect(rejects(bceJson({ labelSmoothing: 0.1 }))).toMatchObject({ field: 'labelSmoothing' });
    expect(valid(bceJson({ labelSmoothing: 0.1, profile: 'keras' })).smoothing).toBe(0.1);
    expect(valid(bcelJson({ labelSmoothing: 0.1, profile: 'tfjs' })).smoothing).toBe(0.1);
    expect(rejects(bceJson({ labelSmoothing: 0.1, profile: 'tfjs' }))).toMatchObject({
      field: 'labelSmoothing',
      code: 'not_defined_by_profile',
    });
  });

  it('should accept only a negative ignore index with probability targets under torch (IGN-4, PRO-14)', () => {
    const dense = { targetKind: 'probability', target: [1, 0, 0, 0, 0, 1] };
    expect(valid(softmaxJson({ ...dense, ignoreIndex: -1 })).labels).toBeUndefined();
    expect(rejects(softmaxJson({ ...dense, ignoreIndex: 0 }))).toMatchObject({ clause: 'IGN-4, PRO-14 torch' });
    expect(rejects(softmaxJson({ ...dense, ignoreIndex: -1, profile: 'onnx' }))).toMatchObject({
      code: 'not_defined_by_profile',
    });
  });
});

describe('decodeCase and validateCase: the order of FMT-4 codes', () => {
  it('should report an unknown field before any malformed value', () => {
    expect(rejects(softmaxJson({ shape: [2, -1], outputs: [], typo: 1 }))).toMatchObject({
      code: 'unknown_field',
      field: 'typo',
    });
    expect(rejects(softmaxJson({ shape: [2, -1], loss: 'hinge' }))).toMatchObject({
      code: 'malformed',
      field: 'shape',
    });
  });

  it('should call a name field of the wrong JSON type malformed, and check profile before reduction', () => {
    expect(rejects(softmaxJson({ loss: 3 }))).toMatchObject({ code: 'malformed', field: 'loss' });
    expect(rejects(softmaxJson({ reduction: null }))).toMatchObject({ code: 'malformed', field: 'reduction' });
    expect(rejects(softmaxJson({ outputs: [1] }))).toMatchObject({ code: 'malformed', field: 'outputs' });
    expect(rejects(softmaxJson({ reduction: 'avg', profile: 'jax' }))).toMatchObject({ code: 'unknown_profile' });
  });

  it('should check the target kind before sizes, the profile before integrality, integrality before range', () => {
    expect(rejects(softmaxJson({ loss: 'negative_log_likelihood', targetKind: 'probability' }))).toMatchObject({
      code: 'unknown_value',
      field: 'targetKind',
    });
    const dense = { targetKind: 'probability', target: [1, 0, 0, 0, 0, 1] };
    expect(rejects(softmaxJson({ ...dense, ignoreIndex: 1.5 }))).toMatchObject({ code: 'not_defined_by_profile' });
    expect(rejects(softmaxJson({ target: [7, 0.5] }))).toMatchObject({ code: 'label_not_integer', field: 'target[1]' });
  });
});

describe('validateCase: the order of checks (FMT-2)', () => {
  it('should report the earliest fault: names, then sizes, then dtype values, then the profile', () => {
    expect(
      rejects(softmaxJson({ shape: [2, 4], dtype: 'float32', input: [0.1, 0, 0, 0, 0, 0, 0, 0], weight: [1, 1] })),
    ).toMatchObject({ code: 'shape_mismatch', field: 'weight' });
    expect(
      rejects(softmaxJson({ dtype: 'float32', input: [0.1, 0, 0, 0, 0, 0], weight: [1, 1, 1], profile: 'keras' })),
    ).toMatchObject({ code: 'not_representable' });
    expect(rejects(softmaxJson({ weight: [1, 1, 1], profile: 'keras', target: [0, 9] }))).toMatchObject({
      code: 'not_defined_by_profile',
    });
  });
});

describe('validateCase: binary ranges (BCE-4, PRO-10)', () => {
  it('should reject a probability outside [0, 1], NaN included, under torch', () => {
    expect(rejects(bceJson({ input: [0.25, 1.5, 0.75] }))).toMatchObject({
      code: 'probability_out_of_range',
      field: 'input[1]',
      clause: 'BCE-4, PRO-10 torch',
    });
    expect(rejects(bceJson({ input: [0.25, 'NaN', 0.75] }))).toMatchObject({ field: 'input[1]' });
    expect(rejects(bceJson({ target: [0, 2, 1] }))).toMatchObject({ field: 'target[1]' });
  });

  it('should accept them where the profile defines the formula instead', () => {
    expect(valid(bceJson({ input: [0.25, 1.5, -0.5], profile: 'tfjs' })).positions).toBe(3);
    expect(valid(bceJson({ input: [0.25, 1.5, -0.5], profile: 'keras' })).rowLength).toBe(3);
    expect(valid(bcelJson({ target: [2, -1, 0.5] })).positions).toBe(3);
  });

  it('should require probability targets for binary losses (BCE-1)', () => {
    expect(rejects(bceJson({ targetKind: 'index' }))).toMatchObject({ code: 'unknown_value', field: 'targetKind' });
  });
});
