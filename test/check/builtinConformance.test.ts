/**
 * Every family against every built-in implementation, over every loss, dtype and profile, at the
 * default runs (test/check/builtinVerdicts.ts; more runs and seeds: builtinConformance.long.test.ts).
 */
import { afterAll, describe, it } from 'vitest';
import { FAMILIES } from '../../properties/suite.js';
import { DTYPES, LOSSES, PROFILES } from '../../src/case/types.js';
import { builtIn } from '../../src/losses/builtins.js';
import { createMpfrEngine } from '../../src/reference/mpfrEngine.js';
import { DEFAULT_RUNS, runCheck } from '../../src/check/run.js';
import { loadManifest } from '../../src/check/manifest.js';
import { TEST_SEED } from '../setup.js';
import { BUILT_IN_VERDICTS, expectVerdict } from './builtinVerdicts.js';

const engine = await createMpfrEngine();
afterAll(() => engine.dispose());

describe('the families against every built-in implementation', () => {
  for (const verdict of BUILT_IN_VERDICTS)
    it(verdict.title, { timeout: 180_000 }, async () => {
      const report = await runCheck(
        {
          impl: builtIn(verdict.name),
          engine,
          level: verdict.level,
          scope: { losses: LOSSES, dtypes: DTYPES, profiles: PROFILES },
          families: Object.keys(FAMILIES),
          runs: DEFAULT_RUNS,
          seed: TEST_SEED,
          manifest: verdict.manifest === undefined ? undefined : loadManifest(verdict.manifest),
        },
        'test',
      );
      expectVerdict(report, verdict);
    });
});
