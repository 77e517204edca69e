/**
 * PyTorch keeps its verdict over many more runs and several seeds (`npm run test:long`): the
 * conformance run of the README, `losscheck check` through the PyTorch adapter with PyTorch 1.13's
 * manifest, exits 0, every expected failure is one the manifest names (CHK-4), and no entry is
 * stale: a deviation a seed may miss pins its counterexample, replayed every run (CHK-4.1). Its report does
 * not depend on the number of workers, each with a PyTorch process of its own (CHK-10). A failure
 * here is a finding: fix the adapter or add PyTorch's behaviour to the manifest with its reason,
 * never shrink the sweep.
 */
import { describe, expect, it } from 'vitest';
import { loadManifest } from '../../src/check/manifest.js';
import type { CheckReport } from '../../src/report/types.js';
import { formatSummary } from '../../src/report/terminal.js';
import { PYTHON, skipWithout } from '../__helpers__/python.js';
import { checkProcess, type CheckRun } from '../properties/checkRuns.js';
import { longSeeds, TEST_SEED } from '../setup.js';

const RUNS = 1000;
const SEEDS = longSeeds(TEST_SEED);
const ADAPTER = `cmd:${PYTHON} examples/adapters/torch_adapter.py`;
const MANIFEST = 'examples/adapters/torch-1.13.manifest.json';
const reasons = new Set(loadManifest(MANIFEST).deviations.map((d) => d.reason));

const summary = (run: CheckRun): string => (run.report ? formatSummary(run.report) : run.stdout + run.stderr);

/** The report with its timings (every `seconds` field) set to 0, and its directory (each run has its own) named DIR. */
const untimed = (report: CheckReport): string =>
  JSON.stringify(
    report,
    (key, value: unknown) => {
      if (key === 'seconds') return 0;
      return key === 'reproduce' && typeof value === 'string' ? value.replace(/\S*\/counterexamples\//, 'DIR/') : value;
    },
    2,
  );

describe.skipIf(skipWithout('torch')).concurrent(`PyTorch through its adapter, ${RUNS} runs`, () => {
  for (const seed of SEEDS)
    it(`should be conformant with PyTorch 1.13's manifest (seed ${seed})`, async () => {
      const run = await checkProcess(ADAPTER, seed, ['--runs', String(RUNS), '--manifest', MANIFEST]);
      expect(run.status, summary(run)).toBe(0);
      const xfails = run.report!.results.filter((r) => r.status === 'xfail');
      expect(xfails.length).toBeGreaterThan(0);
      for (const r of xfails) expect(reasons.has(r.reason!), r.check).toBe(true);
      expect(run.report!.staleManifestEntries, 'STALE: pin a counterexample (CHK-4.1) or remove the entry').toEqual([]);
    });

  // BCE's agreement and bad inputs: expected failures with their worst counterexamples, and
  // kernels PyTorch lacks (not offered), answered by one PyTorch process or spread over two.
  it('should give the same report on one worker and on two (CHK-10)', async () => {
    const scope = ['--family', 'agreement,badInputs', '--loss', 'binary_cross_entropy', '--runs', String(RUNS)];
    const onWorkers = (workers: number) =>
      checkProcess(ADAPTER, TEST_SEED, [...scope, '--manifest', MANIFEST, '--workers', String(workers)]);
    const [one, two] = await Promise.all([onWorkers(1), onWorkers(2)]);
    expect(one.status, summary(one)).toBe(0);
    const report = one.report!;
    expect(report.results.filter((r) => r.status === 'xfail' && r.worst).length).toBeGreaterThan(0);
    expect(report.notOffered.length).toBeGreaterThan(0);
    expect(untimed(two.report!)).toBe(untimed(report));
  });
});
