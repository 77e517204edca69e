/**
 * The built-ins keep their verdicts over many more runs and several seeds (`npm run test:long`):
 * `losscheck check` over every family, loss, dtype and profile, each run a process of its own,
 * and each manifest audited (every xfail matching its entry's signature; at TEST_SEED every
 * entry met).
 */
import { describe, it } from 'vitest';
import { FAMILIES } from '../../properties/suite.js';
import { PROFILES } from '../../src/case/types.js';
import { checkProcess } from '../properties/checkRuns.js';
import { longSeeds, TEST_SEED } from '../setup.js';
import { loadManifest } from '../../src/check/manifest.js';
import { BUILT_IN_VERDICTS, expectAudited, expectVerdict } from './builtinVerdicts.js';

const RUNS = 100;
const SEEDS = longSeeds(TEST_SEED);

describe.concurrent(`the families against every built-in implementation, ${RUNS} runs`, () => {
  for (const verdict of BUILT_IN_VERDICTS)
    for (const seed of SEEDS)
      it(`${verdict.title} (seed ${seed})`, async () => {
        const run = await checkProcess(verdict.name, seed, [
          ...['--level', verdict.level, '--runs', String(RUNS)],
          ...['--profile', PROFILES.join(','), '--family', Object.keys(FAMILIES).join(',')],
          ...(verdict.manifest === undefined ? [] : ['--manifest', verdict.manifest]),
        ]);
        expectVerdict(run.report, verdict, run.stdout + run.stderr);
        if (verdict.manifest) expectAudited(run.report!, loadManifest(verdict.manifest), seed === TEST_SEED);
      });
});
