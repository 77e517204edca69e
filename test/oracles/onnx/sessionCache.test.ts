/**
 * One session per graph spec (kind, attributes, dtype, rank), whatever the sizes.
 */
import { describe, expect, it } from 'vitest';
import { decodeCase } from '../../../src/case/decode.js';
import { graphKey, type SceSpec } from '../../../src/oracles/onnx/graphSpec.js';
import { ortImplementation } from '../../../src/oracles/onnx/ort.js';
import { softmaxJson } from '../../__helpers__/cases.js';

describe('session cache', () => {
  it('reuses a session across shapes of one rank, and builds one per attribute set', async () => {
    const impl = ortImplementation('ort');
    await impl.evaluate(decodeCase(softmaxJson()));
    await impl.evaluate(decodeCase(softmaxJson({ shape: [3, 2], input: [1, 2, 3, 4, 5, 6], target: [0, 1, 1] })));
    expect(impl.sessions.size).toBe(1);
    await impl.evaluate(decodeCase(softmaxJson({ reduction: 'sum' })));
    await impl.evaluate(decodeCase(softmaxJson({ dtype: 'float32' })));
    await impl.evaluate(decodeCase(softmaxJson({ shape: [1, 3, 2], target: [0, 1] })));
    expect(impl.sessions.size).toBe(4);
    await impl.close();
    expect(impl.sessions.size).toBe(0);
  });

  it('keys do not depend on field order', () => {
    const a: SceSpec = {
      kind: 'sce',
      opset: 13,
      path: 'operator',
      dtype: 'float32',
      rank: 2,
      reduction: 'mean',
      ignoreIndex: undefined,
      weighted: false,
      logProb: false,
    };
    const b: SceSpec = {
      logProb: false,
      weighted: false,
      ignoreIndex: undefined,
      reduction: 'mean',
      rank: 2,
      dtype: 'float32',
      path: 'operator',
      opset: 13,
      kind: 'sce',
    };
    expect(graphKey(a)).toBe(graphKey(b));
    expect(graphKey({ ...a, ignoreIndex: -1 })).not.toBe(graphKey(a));
  });
});
