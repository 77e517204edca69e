import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/report/terminal.js';
import { INTERRUPTED_REPORT, SAMPLE_REPORT } from './sampleReport.js';

const text = formatSummary(SAMPLE_REPORT);

describe('formatSummary (CHK-2: every failure replays)', () => {
  it('should group the failures by kind, each kind with its count, errors last (REP-7)', () => {
    const nonFinite = text.indexOf(
      '── non-finite where the exact value is finite: 1 ──\nFAIL agreement/softmax_cross_entropy',
    );
    expect(nonFinite).toBeGreaterThan(0);
    expect(text.indexOf('── the check itself failed (error): 1 ──\nERROR ')).toBeGreaterThan(nonFinite);
  });

  it("should count each family's results by status, the zeros left out", () => {
    expect(text).toContain('\n  spec         1 pass, 1 xfail\n  agreement    1 fail, 1 skip, 1 error\n');
  });

  it('should print each failure and error with its message, counterexample and replay line, then the stale entries and the verdict', () => {
    const lines = text.trimEnd().split('\n');
    expect(lines.filter((l) => /^(FAIL|ERROR) /.test(l))).toEqual([
      'FAIL agreement/softmax_cross_entropy/float32/torch',
      'ERROR agreement/binary_cross_entropy/float32/tfjs',
    ]);
    expect(text).toMatch(/^ {4}counterexample: \{"id":"<script>/m);
    expect(text).toMatch(
      /^ {4}replay: seed 7, path 3:1:0: losscheck check --impl sample --level stable --seed 7 --runs 20 \(same scope\)/m,
    );
    expect(lines.at(-2)).toMatch(/^STALE manifest entry \(no longer fails\): spec\/bcel_tiny_losses: fixed /);
    expect(lines.at(-1)).toBe('verdict: nonconformant (2 failing) in 1.5 s');
  });

  it('should list the outputs not offered after the counts, as coverage (CHK-9)', () => {
    expect(text).toContain(
      '  not offered (coverage, not failures; --require makes an output one):\n' +
        '    grad: softmax_cross_entropy (float32, float64): no gradients <script>',
    );
    expect(text).toContain('\n    every output: binary_cross_entropy (float16): float32 only\n');
  });
});

describe('formatSummary of a run cut short (FMT-5.3, CLI-8)', () => {
  const stopped = formatSummary(INTERRUPTED_REPORT);

  it('should name a fault of the implementation once, with the checks it failed and the first one', () => {
    expect(stopped).toContain('FAULT timeout (2 checks, first agreement/binary_cross_entropy/float64/torch)\n');
    expect(stopped.match(/gave no answer within 10 s/g)).toHaveLength(1);
    expect(stopped).not.toContain('FAIL agreement/binary_cross_entropy');
  });

  it('should say that the run was interrupted and how many checks did not run', () => {
    expect(stopped).toContain('\ninterrupted: 1 checks not run; the results are those found so far\n');
    expect(stopped).toMatch(/verdict: nonconformant \(4 failing, interrupted\)/);
  });
});

describe('formatSummary of a manifest that audits itself (CHK-4.1)', () => {
  const audited = formatSummary({
    ...SAMPLE_REPORT,
    expiredManifestEntries: ['spec/a [beyond-level] (expires 2026-01-01): old'],
    wrongReasonFailures: ['spec/b failed [non-finite] NaN, not as spec/b [beyond-level]: r'],
    unexpectedPasses: ['spec/c [rejected-valid]: fixed'],
  });

  it('should list each kind of entry after the failures, and count the expired in the verdict', () => {
    const lines = audited.split('\n');
    const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    expect(lines[at('EXPIRED')]).toBe('EXPIRED manifest entry: spec/a [beyond-level] (expires 2026-01-01): old');
    expect(lines[at('WRONG REASON')]).toBe(
      'WRONG REASON: spec/b failed [non-finite] NaN, not as spec/b [beyond-level]: r',
    );
    expect(lines[at('UNEXPECTED PASS')]).toBe('UNEXPECTED PASS: spec/c [rejected-valid]: fixed');
    expect(at('EXPIRED')).toBeLessThan(at('STALE'));
    expect(audited).toMatch(/verdict: nonconformant \(2 failing, 1 manifest entry expired\)/);
  });
});
