import { defineConfig } from 'vitest/config';
import { common } from './vitest.config.js';

/**
 * `npm run mutation` (StrykerJS): the unit tests of the mutated folders, which run the code in
 * process; the CLI's tests run the built dist/, which mutants never reach. No build first.
 */
export default defineConfig({
  test: {
    ...common,
    globalSetup: [],
    include: ['test/{losses,numeric,reference,verdict}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.long.test.ts'],
    testTimeout: 60_000,
  },
});
