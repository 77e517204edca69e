import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { common } from './vitest.config.js';
import { slowestFirst } from './test/sequencer.js';

/**
 * `npm run test:long`: the sweeps that take minutes — every bugged plug-in through `check` at its
 * defaults over several seeds, correct plug-ins and the built-ins over more runs and seeds.
 */
export default defineConfig({
  test: {
    ...common,
    include: ['test/**/*.long.test.ts'],
    globalSetup: [...(common.globalSetup as string[]), 'test/longSetup.ts'],
    testTimeout: 1_800_000,
    // The concurrent tests here start processes: one per core.
    maxConcurrency: availableParallelism(),
    // The slowest files, slowest first (on a 2-core box: from about 20 minutes down to 4).
    sequence: {
      sequencer: slowestFirst([
        'test/properties/bugged.long.test.ts',
        'test/check/peerConformance.long.test.ts',
        'test/examples/torchAdapter.long.test.ts',
        'test/check/builtinConformance.long.test.ts',
        'test/stability/study.long.test.ts',
      ]),
    },
  },
});
