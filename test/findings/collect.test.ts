import { describe, expect, it } from 'vitest';
import { collectFindings } from '../../src/findings/collect.js';
import { BCE, SAMPLE_REPORTS, report, result, tiny } from './sampleRuns.js';

describe('collectFindings (spec/findings)', () => {
  const findings = collectFindings(SAMPLE_REPORTS);

  it('should keep each check and behaviour once, with the smallest counterexample any run found and its seed', () => {
    const bce = findings.findings.find((f) => f.check === BCE)!;
    expect(bce).toMatchObject({ kind: 'numerical', reason: 'log(1 − p)', seed: 2, foundBy: 2 });
    expect(bce.smallest.counterexample.input).toEqual([6.4e-323]);
  });

  it('should call a deviation without a value error semantic', () => {
    expect(findings.findings.find((f) => f.check.startsWith('badInputs'))).toMatchObject({
      kind: 'semantic',
      foundBy: 1,
    });
  });

  it("should keep every check's statuses over the runs, and merge what was not offered", () => {
    expect([...findings.checks.get('spec/sce_basic')!.statuses]).toEqual(['pass']);
    expect(findings.notOffered).toEqual([
      { loss: 'binary_cross_entropy', dtype: 'bfloat16', output: 'loss', reasons: ['no kernel 1', 'no kernel 2'] },
    ]);
    expect(findings.runs.map((r) => r.seed)).toEqual([1, 2]);
  });

  // CHK-4.1: an entry's pinned counterexample is replayed every run as manifest[I]/CHECK.
  it("should count a manifest's pinned replay as the check it replays, once per run, not as a finding of its own", () => {
    const pinned = (seed: number) =>
      result({ ...tiny([1e-300], seed), check: `manifest[0]/${BCE}`, family: 'manifest' });
    const replayed = collectFindings([
      report(1, [tiny([0, 6.4e-323, 0], 1), pinned(1)]),
      report(2, [pinned(2), result({ check: BCE, status: 'pass' })]),
    ]);
    expect(replayed.findings).toHaveLength(1);
    expect(replayed.findings[0]).toMatchObject({ check: BCE, family: 'agreement', foundBy: 2 });
    expect(replayed.findings[0]!.smallest.counterexample.input).toEqual([1e-300]);
    expect([...replayed.checks.keys()]).toEqual([BCE]);
    expect([...replayed.checks.get(BCE)!.statuses]).toEqual(['xfail', 'pass']);
  });
});
