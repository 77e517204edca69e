/**
 * Each plug-in of bugged/ is caught by `check` at its defaults (seed BUG_SEED), through the
 * checks that must catch it, run in this process: a fast form of issue 4's Done-when, without the
 * stress family's big rows (test/__helpers__/bigRows.ts). The whole default run of each, big rows
 * included, as a user runs it and over several seeds, is bugged.long.test.ts
 * (`npm run test:long`). On failure the assertion prints the run's summary: checks,
 * counterexamples, seeds and paths that replay them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createReferenceEngine } from '../../src/reference/engines.js';
import { WITHOUT_BIG_ROWS, withoutBigRows } from '../__helpers__/bigRows.js';
import { TEST_SEED } from '../setup.js';
import { BUG_SEED, BUGS, buggedPlugin, CORRECT_PLUGINS } from './buggedCatalog.js';
import { checkInProcess, failures } from './checkRuns.js';

const engine = await createReferenceEngine();
afterAll(() => engine.dispose());

describe(`losscheck check at its defaults finds each bug (seed ${BUG_SEED})`, () => {
  for (const bug of BUGS) {
    it(`should fail bugged/${bug.file}.mjs on ${bug.check.source}, the message naming the problem`, async () => {
      const run = await checkInProcess(buggedPlugin(bug), BUG_SEED, engine, withoutBigRows(bug.check));
      expect(run.status, run.stdout).toBe(1);
      const failing = failures(run);
      expect(
        failing.some((r) => bug.check.test(r.check) && bug.message.test(r.message ?? '')),
        run.stdout,
      ).toBe(true);
      // Every failure replays: a counterexample, a seed and a path (CHK-2).
      for (const r of failing)
        expect(
          r.counterexample && r.seed !== undefined && r.path !== undefined,
          `${r.check}: ${r.message}`,
        ).toBeTruthy();
    });
  }
});

describe('losscheck check at its defaults raises no false alarm', () => {
  // fused and accurate: test/check/builtinConformance.test.ts, over every family and profile.
  for (const impl of CORRECT_PLUGINS) {
    it(`should find ${impl} conformant (seed ${TEST_SEED})`, { timeout: 120_000 }, async () => {
      const run = await checkInProcess(impl, TEST_SEED, engine, WITHOUT_BIG_ROWS);
      expect(run.status, run.stdout).toBe(0);
      expect(run.report?.verdict).toBe('conformant');
    });
  }
});
