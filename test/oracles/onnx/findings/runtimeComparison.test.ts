/**
 * onnxruntime-web against onnxruntime-node on real runs: the comparison counts every value, and a
 * runtime compared with itself is identical everywhere (the comparison can tell them apart only
 * by what they compute).
 */
import { describe, expect, it } from 'vitest';
import { compareRuntimes } from '../../../../src/oracles/onnx/findings/runtimeComparison.js';
import { SAMPLED_DTYPES, SAMPLED_GRAPHS } from '../../../../src/oracles/onnx/findings/errorDistribution.js';
import { NODE_RUNTIME } from '../../../../src/oracles/onnx/nodeRuntime.js';
import { WEB_RUNTIME } from '../../../../src/oracles/onnx/webRuntime.js';

describe('compareRuntimes', () => {
  it('finds a runtime identical to itself, value by value', async () => {
    const rows = await compareRuntimes([WEB_RUNTIME, WEB_RUNTIME], 7, 3);
    expect(rows).toHaveLength(SAMPLED_DTYPES.length * SAMPLED_GRAPHS.length);
    for (const r of rows) expect(r).toMatchObject({ identical: r.values, maxUlps: 0, outcomeDiffers: 0 });
    expect(rows.some((r) => r.values > 0)).toBe(true);
  });

  it('measures web against node: every value counted, the two agree on what they reject', async () => {
    const rows = await compareRuntimes([NODE_RUNTIME, WEB_RUNTIME], 7, 3);
    for (const r of rows) {
      expect(r.identical).toBeLessThanOrEqual(r.values);
      expect(r.outcomeDiffers).toBe(0);
      expect(r.worst === undefined).toBe(r.maxUlps === 0);
    }
  });
});
