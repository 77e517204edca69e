import { afterAll, describe, expect, it } from 'vitest';
import { loadManifest } from '../../src/check/manifest.js';
import { findingKey } from '../../src/findings/markdown.js';
import { peerFindings } from '../../src/findings/peer.js';
import { builtIn } from '../../src/losses/builtins.js';
import { createMpfrEngine } from '../../src/reference/mpfrEngine.js';
import { DEFAULT_LEVEL } from '../../src/verdict/levels.js';
import { WITHOUT_BIG_ROWS } from '../__helpers__/bigRows.js';

const engine = await createMpfrEngine();
afterAll(() => engine.dispose());

describe('the runs behind a findings document (spec/findings)', () => {
  it("should run each seed with the manifest and keep the peer's answer to each smallest counterexample", async () => {
    const naive = builtIn('naive');
    const manifest = loadManifest('fixtures/manifests/naive.json');
    const { findings, answers } = await peerFindings({
      impls: [naive],
      engine,
      manifest,
      scope: { losses: ['softmax_cross_entropy'], dtypes: ['float32'], profiles: ['torch'] },
      seeds: [1, 2],
      runs: 10,
      only: WITHOUT_BIG_ROWS,
    });
    expect(findings.runs.map((r) => [r.seed, r.level, r.verdict])).toEqual([
      [1, DEFAULT_LEVEL, 'conformant'],
      [2, DEFAULT_LEVEL, 'conformant'],
    ]);
    expect(findings.findings.length).toBeGreaterThan(0);
    for (const f of findings.findings) {
      expect(
        manifest.deviations.map((d) => d.reason),
        f.check,
      ).toContain(f.reason);
      expect(JSON.parse(answers.get(findingKey(f))!)).toHaveProperty('id');
    }
  });

  it('should judge at the level it is given, and say so in each run and finding (TOL-LEVEL)', async () => {
    const { findings } = await peerFindings({
      impls: [builtIn('naive')],
      engine,
      manifest: { deviations: [] },
      level: 'exact',
      scope: { losses: ['softmax_cross_entropy'], dtypes: ['float32'], profiles: ['torch'] },
      seeds: [1],
      runs: 5,
      only: /^agreement\//,
    });
    expect(findings.runs.map((r) => [r.level, r.verdict])).toEqual([['exact', 'nonconformant']]);
    expect(findings.findings.length).toBeGreaterThan(0);
    for (const f of findings.findings) expect(f.level, f.check).toBe('exact');
  });
});
