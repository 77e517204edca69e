/**
 * The project's own conformance run (issue 4, item 6): every family against every built-in
 * implementation, over every loss, dtype and profile, with the manifests of their known
 * deviations (spec/formats.md#CHK-4).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { FAMILIES } from '../../properties/suite.js';
import { DTYPES, LOSSES, PROFILES } from '../../src/case/types.js';
import { builtIn, type BuiltInName } from '../../src/losses/builtins.js';
import { createMpfrEngine } from '../../src/reference/mpfrEngine.js';
import { formatSummary } from '../../src/report/terminal.js';
import { runCheck } from '../../src/check/run.js';
import { loadManifest } from '../../src/check/manifest.js';
import type { LevelName } from '../../src/verdict/levels.js';
import { TEST_SEED } from '../setup.js';

const engine = await createMpfrEngine();
afterAll(() => engine.dispose());

function check(name: BuiltInName, level: LevelName, manifest?: string) {
  return runCheck(
    {
      impl: builtIn(name),
      engine,
      level,
      scope: { losses: LOSSES, dtypes: DTYPES, profiles: PROFILES },
      families: Object.keys(FAMILIES),
      runs: 20,
      seed: TEST_SEED,
      manifest: manifest === undefined ? undefined : loadManifest(manifest),
    },
    'test',
  );
}

describe('the families against every built-in implementation', () => {
  it('should find naive conformant at the stable level only through its manifest, every entry still failing', async () => {
    const report = await check('naive', 'stable', 'fixtures/manifests/naive.json');
    expect(report.verdict, formatSummary(report)).toBe('conformant');
    expect(report.summary.xfail).toBeGreaterThan(0);
    // naive's deviations are overflows the arbitraries reach on every seed: none may go stale.
    expect(report.staleManifestEntries).toEqual([]);
  });

  it('should find fused conformant at the stable level, the default, with no manifest', async () => {
    const report = await check('fused', 'stable');
    expect(report.verdict, formatSummary(report)).toBe('conformant');
  });

  it('should find fused conformant at the accurate level (TOL-LEVEL.4) only through its manifest', async () => {
    const report = await check('fused', 'accurate', 'fixtures/manifests/fused.json');
    expect(report.verdict, formatSummary(report)).toBe('conformant');
    expect(report.summary.xfail).toBeGreaterThan(0);
  });

  it('should find accurate conformant at its own level, with no manifest', async () => {
    const report = await check('accurate', 'accurate');
    expect(report.verdict, formatSummary(report)).toBe('conformant');
  });
});
