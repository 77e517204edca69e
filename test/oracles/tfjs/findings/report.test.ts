/**
 * spec/findings/tfjs.md's rendering: every table row comes from the data it is given.
 */
import { describe, expect, it } from 'vitest';
import { tfjsFindingsMarkdown } from '../../../../src/oracles/tfjs/findings/report.js';
import { TFJS_PROBES } from '../../../../src/oracles/tfjs/findings/probeCatalog.js';

describe('tfjsFindingsMarkdown', () => {
  const md = tfjsFindingsMarkdown({
    version: '4.22.0',
    backends: ['tfjs', 'tfjs-wasm'],
    checks: [
      {
        implementation: 'tfjs',
        seed: 5,
        runs: 10,
        families: [{ family: 'agreement', counts: { pass: 2, fail: 1 } }],
        failures: [
          {
            check: 'agreement/softmax_cross_entropy/float32/tfjs',
            family: 'agreement',
            clauses: [],
            status: 'fail',
            runs: 10,
            skipped: 0,
            seconds: 1,
            message: 'loss[0] = 0, expected 1.609',
            bits: 30,
            counterexample: { id: 'c' },
          },
        ],
      },
    ],
    probes: [
      {
        probe: TFJS_PROBES[0]!,
        outcomes: [
          { outcome: '[0, 0]', verdict: 'conforms' },
          { outcome: '[0, 0]', verdict: 'departs' },
        ],
      },
    ],
    offsets: [{ offset: 2 ** 24, exact: Math.fround(Math.log(4)), loss: 2, bits: 22.3 }],
    backendRows: [{ loss: 'binary_cross_entropy', cases: 2, values: 4, identical: 3, maxUlps: 9, worst: '{"id":"w"}' }],
    backendSample: { seed: 1, perLoss: 2 },
    oneHot: [
      [1, 0],
      [2 ** -149, 0],
    ],
    log1p: [[1e-10], [0]],
  });

  it('renders the conformance runs with each failure, its bits, counterexample and command', () => {
    expect(md).toContain('| agreement | 2 pass, 1 fail, 0 skip |');
    expect(md).toContain('- `agreement/softmax_cross_entropy/float32/tfjs` (30.0 bits): loss[0] = 0, expected 1.609');
    expect(md).toContain('  - counterexample: `{"id":"c"}`');
    expect(md).toContain('`losscheck check --impl tfjs --profile tfjs --dtype float32 --seed 5 --runs 10`');
  });

  it('renders the probes per backend, the offset sweep and the backend comparison', () => {
    expect(md).toContain('| [0, 0] — **conforms** | [0, 0] — **departs** |');
    expect(md).toContain('| 2^24 | 1.386294365 | 2 | 22.3 |');
    expect(md).toContain('| binary_cross_entropy | 2 | 4 | 75.0% | 9 |');
    expect(md).toContain("`tf.oneHot([0, 2], 3, 1, 0, 'float32')`: tfjs `[1, 0]`; tfjs-wasm `[1.401298464e-45, 0]`.");
  });
});
