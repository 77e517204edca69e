/**
 * A report with every status, and text that breaks markup unless it is escaped: what every
 * renderer is tested on (spec/formats.md#REP-1..4).
 */
import type { CheckReport, CheckResult } from '../../src/report/types.js';

/** Markup of every kind the renderers must neutralise. */
export const HOSTILE = `<script>alert("x")</script> | **bold** \`tick\` & 'quote'`;

const result = (over: Partial<CheckResult> & Pick<CheckResult, 'check' | 'family' | 'status'>): CheckResult => ({
  clauses: ['TOL-LEVEL'],
  runs: 20,
  skipped: 0,
  seconds: 0.25,
  ...over,
});

export const FAILURE = result({
  check: 'agreement/softmax_cross_entropy/float32/torch',
  family: 'agreement',
  status: 'fail',
  counterexample: {
    id: HOSTILE,
    loss: 'softmax_cross_entropy',
    dtype: 'float32',
    shape: [1, 2],
    input: [0, '-Infinity'],
    target: [0],
  },
  seed: 7,
  path: '3:1:0',
  message: `loss[0] = NaN, expected 0: NaN where the exact value is finite ${HOSTILE}`,
  kind: 'non-finite',
  value: { output: 'loss', index: 0, actual: 'NaN', expected: 0 },
  ulps: 4294967296,
  bits: 32,
});

export const SAMPLE_REPORT: CheckReport = {
  tool: 'losscheck',
  version: '0.1.0',
  implementation: 'sample',
  level: 'stable',
  seed: 7,
  runs: 20,
  scope: {
    profiles: ['torch', 'tfjs'],
    losses: ['softmax_cross_entropy', 'binary_cross_entropy'],
    dtypes: ['float32', 'float16'],
    families: ['spec', 'agreement'],
  },
  plan: { tasks: 5, digest: 'sha256:5a3e' },
  corpus: { digest: 'sha256:e3b0', entries: 0 },
  verdict: 'nonconformant',
  summary: { pass: 1, fail: 1, skip: 1, xfail: 1, error: 1, notrun: 0 },
  results: [
    result({ check: 'spec/sce_unbatched', family: 'spec', status: 'pass', runs: 1 }),
    result({
      check: 'spec/sce_huge_gap',
      family: 'spec',
      status: 'xfail',
      reason: `exp overflows ${HOSTILE}`,
      counterexample: { id: 'g' },
      seed: 7,
      path: '0',
      message: 'NaN',
    }),
    FAILURE,
    result({
      check: 'agreement/binary_cross_entropy/float16/tfjs',
      family: 'agreement',
      status: 'skip',
      skipped: 20,
      reason: `float32 only ${HOSTILE}`,
    }),
    result({
      check: 'agreement/binary_cross_entropy/float32/tfjs',
      family: 'agreement',
      status: 'error',
      seed: 7,
      message: `TypeError: ${HOSTILE}`,
    }),
  ],
  require: [],
  notOffered: [
    { loss: 'softmax_cross_entropy', dtype: 'float32', output: 'grad', reasons: [`no gradients ${HOSTILE}`] },
    { loss: 'softmax_cross_entropy', dtype: 'float64', output: 'grad', reasons: [`no gradients ${HOSTILE}`] },
    { loss: 'binary_cross_entropy', dtype: 'float16', output: 'loss', reasons: ['float32 only'] },
  ],
  regimes: [
    {
      loss: 'softmax_cross_entropy',
      dtype: 'float32',
      cases: 40,
      regimes: { 'exp-threshold': 3, 'huge-gap': 5, 'tiny-loss': 0, 'wide-row': 1 },
    },
    { loss: 'binary_cross_entropy', dtype: 'float32', cases: 12, regimes: { 'tiny-loss': 2, 'probability-edge': 4 } },
  ],
  errors: [
    { loss: 'softmax_cross_entropy', dtype: 'float32', output: 'loss', counts: [30, 6, 2, 0, 1] },
    { loss: 'softmax_cross_entropy', dtype: 'float32', output: 'grad', counts: [100, 20, 0, 0, 0, 0, 1] },
  ],
  staleManifestEntries: [`spec/bcel_tiny_losses: fixed ${HOSTILE}`],
  expiredManifestEntries: [],
  wrongReasonFailures: [],
  unexpectedPasses: [],
  seconds: 1.5,
};

const timeout = (check: string): CheckResult =>
  result({
    check,
    family: 'agreement',
    status: 'fail',
    fault: 'timeout',
    kind: 'fault',
    counterexample: { id: 'slow', loss: 'softmax_cross_entropy', shape: [2], input: [0, 1], target: [1] },
    seed: 7,
    path: '0',
    message: 'cmd:adapter gave no answer within 10 s; stopped, and restarted for the next case',
  });

/** The sample cut short by a signal, after the same fault in two checks (CLI-8, FMT-5.3). */
export const INTERRUPTED_REPORT: CheckReport = {
  ...SAMPLE_REPORT,
  interrupted: true,
  summary: { ...SAMPLE_REPORT.summary, fail: SAMPLE_REPORT.summary.fail + 2, notrun: 1 },
  results: [
    ...SAMPLE_REPORT.results,
    timeout('agreement/binary_cross_entropy/float64/torch'),
    timeout('agreement/binary_cross_entropy/float32/torch'),
    result({
      check: 'stress/binary_cross_entropy/float32/torch',
      family: 'stress',
      status: 'notrun',
      runs: 0,
      reason: 'interrupted by SIGINT',
    }),
  ],
};
