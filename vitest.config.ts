import { availableParallelism } from 'node:os';
import { defineConfig, type ViteUserConfig } from 'vitest/config';
import { slowestFirst } from './test/sequencer.js';

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
    // Two test files already keep both cores busy: a CLI run they start checks on one worker
    // thread unless it asks for more (CHK-10; test/check/pool.test.ts runs several).
    env: { LOSSCHECK_WORKERS: '1' },
    // A worker imports src/ once for all the files it runs, not once per file: half the CPU of the
    // unit tests went into importing again what the file before had imported. No test mocks a
    // module; a helper that keeps state between files must leave it usable (test/oracles/onnx/closeness.ts).
    isolate: false,
    // The slowest files, slowest first (durations on a 2-core box: 15 s to a minute each).
    sequence: {
      sequencer: slowestFirst([
        'test/check/builtinConformance.test.ts',
        'test/properties/bugged.test.ts',
        'test/properties/families.test.ts',
        'test/reference/engineRounding.test.ts',
        'test/backendTests/run.test.ts',
        'test/reference/reference.test.ts',
        'test/check/pool.test.ts',
        'test/report/counterexamples.test.ts',
        'test/commands/matrix.test.ts',
      ]),
    },
  },
});
