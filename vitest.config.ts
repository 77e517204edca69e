import { availableParallelism } from 'node:os';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * What `npm test` and `npm run test:long` share. Test files run on every core: vitest's default
 * leaves one idle, which on a 2-core box halves the suite's speed.
 */
export const common: NonNullable<ViteUserConfig['test']> = {
  pool: 'forks',
  maxWorkers: availableParallelism(),
  hookTimeout: 60_000,
  globalSetup: ['test/globalSetup.ts'],
  setupFiles: ['test/setup.ts'],
};

/** `npm test`: every test but the long sweeps (`*.long.test.ts`). */
export default defineConfig({
  test: {
    ...common,
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.long.test.ts'],
    testTimeout: 60_000,
  },
});
