// StrykerJS (`npm run mutation`, issue 11): mutants of the numeric core — the losses, the
// reference, the shared kernels and the verdict — against their unit tests (vitest.mutation.config.ts).
// Each mutant runs only the tests that reach it (perTest coverage), and a run reuses the results
// of the last one for code and tests that did not change (incremental, the file kept in git), so
// that a run on a shared 2-core box costs what changed. `npm run mutation -- --mutate 'src/verdict/**'`
// scopes a run to a folder.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['src/losses/**/*.ts', 'src/reference/**/*.ts', 'src/numeric/**/*.ts', 'src/verdict/**/*.ts'],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'stryker/incremental.json',
  concurrency: 2,
  ignorePatterns: ['dist', 'reports', 'coverage', 'stability-report', 'losscheck-report', '.losscheck'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
