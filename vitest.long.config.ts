import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { common } from './vitest.config.js';

/**
 * `npm run test:long`: the sweeps that take minutes — every bugged plug-in through `check` at its
 * defaults over several seeds, correct plug-ins and the built-ins over more runs and seeds.
 */
export default defineConfig({
  test: {
    ...common,
    include: ['test/**/*.long.test.ts'],
    testTimeout: 1_800_000,
    // The concurrent tests here start processes: one per core.
    maxConcurrency: availableParallelism(),
  },
});
