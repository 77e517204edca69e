/**
 * Runs the vitest example (examples/vitest) and a broken plug-in's suite from source: the alias
 * stands in for the installed package's `losscheck/vitest` export.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export default defineConfig({
  root,
  resolve: { alias: { 'losscheck/vitest': `${root}src/vitest.ts` } },
  test: {
    include: ['examples/vitest/*.test.mjs', 'test/vitest/__fixtures__/*.conformance.test.mjs'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
