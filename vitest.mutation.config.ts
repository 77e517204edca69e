import { defineConfig } from 'vitest/config';
import { common } from './vitest.config.js';
import LoadFailureReporter from './test/__helpers__/loadFailureReporter.js';

/**
 * `npm run mutation` (StrykerJS): the unit tests of the mutated folders, which run the code in
 * process; the CLI's tests run the built dist/, which mutants never reach. No build first. A test
 * file that fails to load counts as a failed test (test/__helpers__/loadFailureReporter.ts).
 */
export default defineConfig({
  test: {
    ...common,
    globalSetup: [],
    include: ['test/{losses,numeric,reference,verdict}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.long.test.ts'],
    testTimeout: 60_000,
    reporters: ['default', new LoadFailureReporter()],
  },
});
