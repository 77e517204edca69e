import { describe, expect, it } from 'vitest';
import { decodeCase } from '../../src/case/decode.js';
import { bcelJson, linearJson, softmaxJson, valid } from '../__helpers__/cases.js';
import { rejection } from '../__helpers__/errors.js';

const rejects = (json: Record<string, unknown>) => rejection(() => valid(json));

describe('the options of the losses language models train with (ZL-1, ZL-5, CAP-1, PRO-25)', () => {
  it('should take zLoss and logitSoftcap on softmax CE and linear CE under torch and onnx', () => {
    for (const profile of ['torch', 'onnx'])
      for (const json of [softmaxJson({ profile }), linearJson({ profile })])
        expect(valid({ ...json, zLoss: 1e-4, logitSoftcap: 30 })).toMatchObject({ zLoss: 1e-4, logitSoftcap: 30 });
  });

  it('should default zLoss to 0 and leave logitSoftcap absent (FMT-1)', () => {
    expect(decodeCase(softmaxJson())).toMatchObject({ zLoss: 0, logitSoftcap: undefined });
  });

  it('should reject them where no framework defines them: keras, tfjs, optax (PRO-25)', () => {
    for (const profile of ['keras', 'tfjs', 'optax']) {
      expect(rejects(softmaxJson({ profile, zLoss: 0.1 }))).toMatchObject({
        code: 'not_defined_by_profile',
        field: 'zLoss',
        clause: `PRO-25 ${profile}`,
      });
      expect(rejects(linearJson({ profile }))).toMatchObject({ code: 'not_defined_by_profile', field: 'loss' });
    }
  });

  it('should reject zLoss with class weights, and both options outside softmax and linear CE (ZL-5)', () => {
    expect(rejects(softmaxJson({ zLoss: 0.1, weight: [1, 2, 3] }))).toMatchObject({
      code: 'not_defined_by_profile',
      field: 'weight',
      clause: 'ZL-5',
    });
    expect(valid(softmaxJson({ logitSoftcap: 3, weight: [1, 2, 3] })).logitSoftcap).toBe(3);
    expect(rejects(bcelJson({ logitSoftcap: 3 }))).toMatchObject({ field: 'logitSoftcap', clause: 'ZL-5' });
  });

  it('should reject a zLoss below 0 or not finite, and a cap of 0, below 0 or not finite (option_out_of_range)', () => {
    for (const zLoss of [-1e-4, 'NaN', 'Infinity'])
      expect(rejects(softmaxJson({ zLoss }))).toMatchObject({ code: 'option_out_of_range', clause: 'ZL-1' });
    for (const logitSoftcap of [0, -30, 'Infinity'])
      expect(rejects(softmaxJson({ logitSoftcap }))).toMatchObject({ code: 'option_out_of_range', clause: 'CAP-1' });
  });

  it('should check option ranges after the options defined (FMT-2): a keras zLoss of −1 is not defined first', () => {
    expect(rejects(softmaxJson({ profile: 'keras', zLoss: -1 }))).toMatchObject({ code: 'not_defined_by_profile' });
  });
});

describe('upstream gradients (UP-1)', () => {
  it('should take one value per position under none and one under mean and sum', () => {
    expect(valid(softmaxJson({ reduction: 'none', upstream: [0.5, -2] })).upstream).toEqual(Float64Array.of(0.5, -2));
    expect(valid(bcelJson({ reduction: 'none', upstream: [1, 2, 3] })).upstream).toHaveLength(3);
    expect(valid(softmaxJson({ reduction: 'sum', upstream: [3] })).upstream).toHaveLength(1);
    expect(rejects(softmaxJson({ reduction: 'mean', upstream: [1, 2] }))).toMatchObject({
      code: 'shape_mismatch',
      field: 'upstream',
      clause: 'UP-1',
    });
    expect(rejects(softmaxJson({ reduction: 'none', upstream: [1] }))).toMatchObject({ field: 'upstream' });
  });

  it('should take dtype members only, and finite ones', () => {
    expect(rejects(softmaxJson({ dtype: 'float32', reduction: 'sum', upstream: [0.1] }))).toMatchObject({
      code: 'not_representable',
      field: 'upstream[0]',
    });
    expect(rejects(softmaxJson({ reduction: 'sum', upstream: ['Infinity'] }))).toMatchObject({
      code: 'not_finite',
      field: 'upstream[0]',
    });
  });
});

describe('linear cross-entropy cases (LCE-1)', () => {
  it('should lay out N rows of V classes from h [N, D] and W [V, D]', () => {
    expect(valid(linearJson())).toMatchObject({ positions: 2, classes: 4, inner: 1 });
  });

  it('should need W, sized V·D, a bias of V, one label per row and h of rank 2', () => {
    expect(rejects(linearJson({ linearWeight: undefined }))).toMatchObject({
      code: 'malformed',
      field: 'linearWeight',
    });
    expect(rejects(linearJson({ linearWeight: [1, 2] }))).toMatchObject({ code: 'shape_mismatch', clause: 'LCE-1' });
    expect(rejects(linearJson({ linearBias: [1] }))).toMatchObject({ field: 'linearBias', clause: 'LCE-1' });
    expect(rejects(linearJson({ target: [0] }))).toMatchObject({ field: 'target', clause: 'LCE-1' });
    expect(rejects(linearJson({ shape: [6], target: [0] }))).toMatchObject({ field: 'shape', clause: 'LCE-1' });
  });

  it('should take finite dtype values only in h, W and b (FMT-1.3)', () => {
    expect(rejects(linearJson({ input: [1, 2, 'NaN', 0, 0, 0] }))).toMatchObject({
      code: 'not_finite',
      field: 'input[2]',
    });
    expect(rejects(linearJson({ linearBias: [0, 0, 0, '-Infinity'] }))).toMatchObject({ code: 'not_finite' });
  });

  it('should have index targets only, and the outputs of LCE-3', () => {
    expect(rejects(linearJson({ targetKind: 'probability' }))).toMatchObject({ code: 'unknown_value' });
    expect(rejects(linearJson({ outputs: ['logProb'] }))).toMatchObject({ code: 'unknown_value', clause: 'LCE-3' });
    expect(rejects(linearJson({ linearBias: undefined, outputs: ['gradBias'] }))).toMatchObject({
      code: 'unknown_value',
      clause: 'LCE-3',
    });
    expect(valid(linearJson({ outputs: ['loss', 'grad', 'gradWeight', 'gradBias', 'lse'] })).outputs).toHaveLength(5);
  });

  it('should reject class weights, and W or b on another loss (LCE-1)', () => {
    expect(rejects(linearJson({ weight: [1, 1, 1, 1] }))).toMatchObject({ field: 'weight', clause: 'LCE-1' });
    expect(rejects(softmaxJson({ linearWeight: [1] }))).toMatchObject({ field: 'linearWeight', clause: 'LCE-1' });
  });

  it('should allow lse only where there is a softmax, and gradWeight only for linear CE (LSE-1, LCE-3)', () => {
    expect(rejects(bcelJson({ outputs: ['lse'] }))).toMatchObject({ code: 'unknown_value', clause: 'LSE-1' });
    expect(rejects(softmaxJson({ outputs: ['gradWeight'] }))).toMatchObject({ clause: 'LCE-3' });
  });
});
