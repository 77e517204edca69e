/**
 * Two runs of a peer with the manifest: the findings tests' input.
 */
import type { CheckReport, CheckResult } from '../../src/report/types.js';

export const result = (over: Partial<CheckResult> & Pick<CheckResult, 'check' | 'status'>): CheckResult => ({
  family: over.check.split('/')[0]!,
  clauses: [],
  runs: 20,
  skipped: 0,
  seconds: 0,
  ...over,
});

export const BCE = 'agreement/binary_cross_entropy/float64/torch';
export const tiny = (input: number[], seed: number) =>
  result({
    check: BCE,
    status: 'xfail',
    reason: 'log(1 − p)',
    message: 'loss[0] = 0, expected 6.4e-323',
    ulps: 13,
    bits: 3.8,
    counterexample: { loss: 'binary_cross_entropy', input, target: input.map(() => 0) },
    seed,
  });

export const report = (seed: number, results: CheckResult[]): CheckReport => ({
  tool: 'losscheck',
  version: 'test',
  implementation: 'peer',
  level: 'stable',
  seed,
  runs: 20,
  scope: { profiles: ['torch'], losses: ['binary_cross_entropy'], dtypes: ['float64'], families: ['agreement'] },
  plan: { tasks: results.length, digest: 'sha256:0' },
  corpus: { digest: 'sha256:0', entries: 0 },
  verdict: 'conformant',
  summary: { pass: 0, fail: 0, skip: 0, xfail: 0, error: 0, notrun: 0 },
  results,
  require: [],
  notOffered: [{ loss: 'binary_cross_entropy', dtype: 'bfloat16', output: 'loss', reasons: [`no kernel ${seed}`] }],
  regimes: [],
  errors: [],
  staleManifestEntries: [],
  expiredManifestEntries: [],
  wrongReasonFailures: [],
  unexpectedPasses: [],
  seconds: 1,
});

export const outOfRange = result({
  check: 'badInputs/binary_cross_entropy/torch',
  status: 'xfail',
  reason: 'no target check',
  message: 'accepted a case its profile rejects (probability_out_of_range)',
  counterexample: { input: [0.5], target: [-0.5] },
});
const SOFTMAX = 'agreement/softmax_cross_entropy/float64/torch';
export const SAMPLE_REPORTS = [
  report(1, [
    tiny([0, 6.4e-323, 0], 1),
    outOfRange,
    result({ check: 'spec/sce_basic', status: 'pass' }),
    result({ check: SOFTMAX, status: 'pass' }),
  ]),
  report(2, [
    tiny([6.4e-323], 2),
    result({ check: 'spec/sce_basic', status: 'pass' }),
    result({ check: SOFTMAX, status: 'pass' }),
  ]),
];
