/**
 * `losscheck bench` (CLI-BENCH): what it prints and refuses. Benchmarks measure; tests never
 * assert a timing, so the figures here are made up.
 */
import { describe, expect, it } from 'vitest';
import type { BenchReport } from '../../src/bench/run.js';
import { formatBench } from '../../src/commands/bench.js';
import { losscheck } from '../__helpers__/cli.js';

const kernel = (ms: number) => ({
  msPerBatch: ms,
  ortMsPerBatch: 20,
  ratioToOrt: ms / 20,
  spread: [ms / 22, ms / 18] as const,
});

const report: BenchReport = {
  tool: 'losscheck bench',
  machine: { cpu: 'Some CPU', cores: 2, node: 'v20.0.0', platform: 'linux x64' },
  loadAverage: { before: 0.5, after: 1.5 },
  settings: { rounds: 3, iterations: 5, shape: [4096, 1000] },
  pipeline: { kernelMs: 22, runCaseMs: 25, overhead: 25 / 22, spread: [1.1, 1.2] },
  accurate: { float64: kernel(30), float32: kernel(40) },
  fused: { float64: kernel(50), float32: kernel(60) },
  reference: {
    decimalBaselineLogitsPerSecond: 5000,
    certifiedLogitsPerSecond: 800000,
    speedup: 160,
    coldRow131072Seconds: 0.9,
  },
  suite: { checkSeconds: 3, propertyRunsPerSecond: 500, workers: 2, oneWorkerSeconds: 5.4, speedupOverOneWorker: 1.8 },
};

describe('losscheck bench (CLI-BENCH)', () => {
  it('should print every figure: the machine and its load, pipeline, kernels against ORT, reference, suite', () => {
    const text = formatBench(report);
    expect(text).toContain('Some CPU × 2, Node v20.0.0 (load 0.5 → 1.5)');
    expect(text).toContain('overhead 1.14 (rounds 1.10–1.20)');
    for (const line of [
      'accurate float64: 30.0 ms, ORT 20.0 ms: ratio 1.50',
      'fused float32: 60.0 ms, ORT 20.0 ms: ratio 3.00',
    ])
      expect(text).toContain(line);
    expect(text).toContain('800000 logits/s certified, decimal.js baseline 5000: 160×; cold 131072-class row 0.90 s');
    expect(text).toContain('3.0 s on 2 workers (500 runs/s), 5.4 s on one: 1.80×');
  });

  it('should refuse a bad --rounds with exit 2 and one line', () => {
    const run = losscheck(['bench', '--rounds', '0']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('losscheck: --rounds takes a positive integer, got "0"');
  });
});
