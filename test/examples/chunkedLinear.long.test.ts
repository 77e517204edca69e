/**
 * Issue 13's Done-when (`npm run test:long`): `losscheck check` on the example plug-in
 * examples/modules/chunkedLinear.mjs — linear CE as a fused kernel computes it — is conformant at
 * 1000 runs per check over several seeds, as a user runs it (a process, the default level and
 * families; its loss only: it declines the others). Its bugged variants, caught at the defaults,
 * are in test/properties/bugged.test.ts and bugged.long.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { checkProcess } from '../properties/checkRuns.js';
import { longSeeds, TEST_SEED } from '../setup.js';

const RUNS = 1000;
const SEEDS = longSeeds(TEST_SEED);

describe.concurrent(`examples/modules/chunkedLinear.mjs at ${RUNS} runs`, () => {
  for (const seed of SEEDS)
    it(`should be conformant (seed ${seed})`, async () => {
      const run = await checkProcess('module:examples/modules/chunkedLinear.mjs', seed, [
        ...['--loss', 'linear_cross_entropy', '--runs', String(RUNS)],
      ]);
      expect(run.report?.verdict, run.stdout + run.stderr).toBe('conformant');
      expect(run.status).toBe(0);
    });
});
