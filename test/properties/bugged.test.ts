/**
 * Issue 4's Done-when: `losscheck check` at its defaults (default runs and families, profile
 * torch, a fixed seed) exits 1 for each plug-in of bugged/ — an ordinary implementation with one
 * common bug — with a failing check that names the problem, and exits 0 for correct ones over
 * several seeds. On failure the assertion prints the run's summary: checks, counterexamples,
 * seeds and paths that replay them.
 */
import { describe, expect, it } from 'vitest';
import { TEST_SEED } from '../setup.js';
import { checkRun, failures } from './checkRuns.js';

/** The Done-when is stated at one fixed seed, whatever FC_SEED says. */
const BUG_SEED = 1;
const TIMEOUT = 300_000;

interface Bug {
  readonly file: string;
  /** A check that names the problem… */
  readonly check: RegExp;
  /** …and what its message says. */
  readonly message: RegExp;
}

const FINITE = /where the exact value is finite/;

const BUGS: readonly Bug[] = [
  { file: 'smoothing-share', check: /^invariants\/smoothing\//, message: /LS-/ },
  { file: 'smoothing-unweighted', check: /^invariants\/smoothing\//, message: /LS-1, LS-2/ },
  { file: 'smoothing-shape1', check: /^invariants\/smoothing\//, message: /LS-1, LS-2/ },
  { file: 'smoothing-target-share', check: /^invariants\/smoothing\//, message: /LS-/ },
  { file: 'probability-unsmoothed', check: /^invariants\/smoothing\//, message: /LS-/ },
  { file: 'mean-count', check: /^invariants\/(meanSum|weightScale)\//, message: /RED-3/ },
  { file: 'ignored-counted', check: /^invariants\/ignored\//, message: /IGN-1/ },
  { file: 'ignored-smoothed', check: /^invariants\/ignored\//, message: /IGN-1/ },
  { file: 'chunked-mean', check: /^invariants\/meanSum\//, message: /mean·D = sum \(RED-3\)/ },
  { file: 'probability-mean-weighted', check: /^invariants\/meanSum\//, message: /mean·D = sum \(RED-3\)/ },
  { file: 'none-grad-scaled', check: /^invariants\/rows\//, message: /RED-1/ },
  { file: 'no-max-shift', check: /^(stress|agreement|spec)\/.*softmax|^spec\/sce_/, message: FINITE },
  { file: 'log-of-softmax', check: /^(stress|spec)\//, message: FINITE },
  { file: 'lse-then-subtract', check: /^invariants\/shift\//, message: /shift invariance \(CE-2\.1\)/ },
  { file: 'batch-max', check: /^invariants\/shift\//, message: /shift invariance \(CE-2\.1\)/ },
  { file: 'bcel-log-sigmoid', check: /^(stress|spec)\/.*(binary_cross_entropy_with_logits|bcel)/, message: FINITE },
  { file: 'bce-log-one-minus', check: /^(agreement|stress)\/binary_cross_entropy\//, message: /ULPs/ },
  { file: 'bce-no-clamp', check: /^(stress\/binary_cross_entropy\/|spec\/bce_clamp)/, message: FINITE },
  { file: 'pos-weight-wrong-term', check: /^invariants\/posWeight\//, message: /BCEL-2/ },
  { file: 'bcel-grad-no-pos-weight', check: /^invariants\/(posWeight|finiteDifference)\//, message: /BCEL-2|GRAD/ },
  { file: 'grad-sign', check: /^invariants\/finiteDifference\//, message: /derivative/ },
  { file: 'bf16-before-cast', check: /^agreement\/softmax_cross_entropy\/float32\//, message: /ULPs/ },
  { file: 'bce-weight-broadcast', check: /^invariants\/rows\//, message: /RED-1/ },
  { file: 'bce-epsilon', check: /^invariants\/sigmoid\//, message: /BCE-1, BCEL-1/ },
  { file: 'grad-unit-mass', check: /^invariants\/gradientSum\//, message: /GRAD-1/ },
  {
    file: 'negative-smoothing-rejected',
    check: /^badInputs\/softmax_cross_entropy\//,
    message: /rejected a valid case/,
  },
  { file: 'label-clamped', check: /^badInputs\/softmax_cross_entropy\//, message: /label_out_of_range/ },
];

describe.concurrent(`losscheck check at its defaults finds each bug (seed ${BUG_SEED})`, () => {
  for (const bug of BUGS) {
    it(
      `should exit 1 for bugged/${bug.file}.mjs, a failing check naming the problem`,
      { timeout: TIMEOUT },
      async () => {
        const run = await checkRun(`module:test/properties/bugged/${bug.file}.mjs`, BUG_SEED);
        expect(run.status, run.stdout + run.stderr).toBe(1);
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
      },
    );
  }
});

interface Correct {
  readonly impl: string;
  readonly seeds: readonly number[];
}

const SEEDS = [TEST_SEED, TEST_SEED + 1];

const CORRECT: readonly Correct[] = [
  { impl: 'module:test/properties/plugins/float64.mjs', seeds: SEEDS },
  { impl: 'module:test/properties/plugins/float32.mjs', seeds: SEEDS },
  { impl: 'module:examples/modules/logsumexp.mjs', seeds: SEEDS },
  // Also run over every family and profile by test/check/builtinConformance.test.ts.
  { impl: 'fused', seeds: SEEDS.slice(0, 1) },
  { impl: 'accurate', seeds: SEEDS.slice(0, 1) },
];

describe.concurrent('losscheck check at its defaults raises no false alarm', () => {
  for (const { impl, seeds } of CORRECT) {
    for (const seed of seeds) {
      it(`should exit 0 for ${impl} (seed ${seed})`, { timeout: TIMEOUT }, async () => {
        const run = await checkRun(impl, seed);
        expect(run.status, run.stdout + run.stderr).toBe(0);
        expect(run.report?.verdict).toBe('conformant');
      });
    }
  }
});
