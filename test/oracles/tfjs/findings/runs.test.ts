/**
 * The runs behind spec/findings/tfjs.md, on the real CPU backend: every probe matches the tfjs
 * profile there, the offset sweep measures the lse weakness, the backend comparison counts
 * every value (a backend against itself is identical everywhere), and the single calls read TF.js's own
 * answers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createMpfrEngine } from '../../../../src/reference/mpfrEngine.js';
import { log1pTiny, oneHotFloat32, sigmoidOverflow } from '../../../../src/oracles/tfjs/findings/apiProbes.js';
import { compareBackends, offsetSweep, runTfjsProbes } from '../../../../src/oracles/tfjs/findings/runs.js';
import { TFJS_PROBES } from '../../../../src/oracles/tfjs/findings/probeCatalog.js';
import { tfjsImplementation } from '../../../../src/oracles/tfjs/tfjs.js';

const engine = createMpfrEngine();
const cpu = tfjsImplementation('tfjs');
afterAll(async () => (await engine).dispose());

describe('TF.js findings runs', () => {
  it('every probe conforms to the tfjs profile on the CPU backend', async () => {
    const rows = await runTfjsProbes([await cpu], await engine);
    expect(rows).toHaveLength(TFJS_PROBES.length);
    for (const r of rows)
      expect(r.outcomes[0]!.verdict, `${r.probe.topic}: ${r.outcomes[0]!.outcome}`).toBe('conforms');
  });

  it('measures the lse weakness: exact at offset 1, every bit lost at 2^28', async () => {
    const [small, large] = await offsetSweep(await cpu, await engine, [0, 28]);
    expect(small).toMatchObject({ offset: 1, bits: 0 });
    expect(large).toMatchObject({ offset: 2 ** 28, loss: 0 });
    expect(large!.bits).toBeGreaterThan(29);
  });

  it('compares backends value by value: one backend against itself is identical', async () => {
    const rows = await compareBackends([await cpu, await cpu], 3, 5);
    for (const r of rows) expect(r).toMatchObject({ identical: r.values, maxUlps: 0 });
    expect(rows.every((r) => r.values > 0)).toBe(true);
  });

  it("reads TF.js's own ops: oneHot and log1p right on the CPU backend", async () => {
    expect(await oneHotFloat32('tfjs')).toEqual([1, 0, 0, 0, 0, 1]);
    expect(await log1pTiny('tfjs')).toEqual([Math.fround(2 ** -30), Math.fround(1e-10)]);
  });

  it('finds the WebAssembly backend’s float32 oneHot writing int32 bits, and its log1p losing 1e-10', async () => {
    expect(await oneHotFloat32('tfjs-wasm')).toEqual([2 ** -149, 0, 0, 0, 0, 2 ** -149]);
    expect(await log1pTiny('tfjs-wasm')).toEqual([0, 0]);
  });

  it('finds sigmoidCrossEntropy overflowing to −∞ at the largest float32 with y = 1.5, on both backends', async () => {
    expect(await sigmoidOverflow('tfjs')).toEqual([-Infinity]);
    expect(await sigmoidOverflow('tfjs-wasm')).toEqual([-Infinity]);
  });
});
