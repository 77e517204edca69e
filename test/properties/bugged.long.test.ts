/**
 * Issue 4's Done-when in full (`npm run test:long`): `losscheck check` at its defaults, as a user
 * runs it, exits 1 for each plug-in of bugged/ with a failing check that names the problem, and
 * exits 0 for correct ones — over several seeds. Each run is a process of its own. The built-ins
 * keep their verdicts over the same seeds in builtinConformance.long.test.ts, at 100 runs and over
 * every profile and family: a superset of these defaults.
 */
import { describe, expect, it } from 'vitest';
import { longSeeds, TEST_SEED } from '../setup.js';
import { BUG_SEED, BUGS, buggedPlugin, CORRECT_PLUGINS } from './buggedCatalog.js';
import { checkProcess, failures } from './checkRuns.js';

const BUG_SEEDS = longSeeds(BUG_SEED);
const SEEDS = longSeeds(TEST_SEED);

describe.concurrent('losscheck check at its defaults finds each bug on every seed', () => {
  for (const bug of BUGS)
    for (const seed of BUG_SEEDS)
      it(`should exit 1 for bugged/${bug.file}.mjs (seed ${seed}), a failing check naming the problem`, async () => {
        const run = await checkProcess(buggedPlugin(bug), seed);
        expect(run.status, run.stdout + run.stderr).toBe(1);
        const failing = failures(run);
        expect(failing.length, run.stdout).toBeGreaterThan(0);
        if (seed === BUG_SEED || bug.namedOnSomeSeeds === undefined)
          expect(
            failing.some((r) => bug.check.test(r.check) && bug.message.test(r.message ?? '')),
            run.stdout,
          ).toBe(true);
        for (const r of failing)
          expect(
            r.counterexample && r.seed !== undefined && r.path !== undefined,
            `${r.check}: ${r.message}`,
          ).toBeTruthy();
      });
});

describe.concurrent('losscheck check at its defaults raises no false alarm on any seed', () => {
  for (const impl of CORRECT_PLUGINS)
    for (const seed of SEEDS)
      it(`should exit 0 for ${impl} (seed ${seed})`, async () => {
        const run = await checkProcess(impl, seed);
        expect(run.status, run.stdout + run.stderr).toBe(0);
        expect(run.report?.verdict).toBe('conformant');
      });
});
