import { describe, expect, it } from 'vitest';
import { caseLine, faultGroups, replayLine, SHOWN_VALUES, stoppedLine, verdictLine } from '../../src/report/summary.js';
import { INTERRUPTED_REPORT, SAMPLE_REPORT } from './sampleReport.js';
import type { CheckResult } from '../../src/report/types.js';

const withCase = (counterexample: Record<string, unknown>): CheckResult =>
  ({
    check: 'c',
    family: 'agreement',
    clauses: [],
    status: 'fail',
    runs: 1,
    skipped: 0,
    seconds: 0,
    counterexample,
  }) as CheckResult;

describe('caseLine (REP: rendered reports shorten long arrays)', () => {
  it('should print a small case whole, as FMT-1 JSON', () => {
    const c = { id: 'a', shape: [1, 2], input: [0, '-Infinity'], target: [0] };
    expect(JSON.parse(caseLine(withCase(c))!)).toEqual(c);
  });

  it('should cut an array longer than SHOWN_VALUES to its first values and a count of the rest', () => {
    const input = Array.from({ length: 131072 }, (_, i) => i);
    const shown = JSON.parse(caseLine(withCase({ id: 'big', shape: [1, 131072], input, target: [3] }))!) as {
      input: unknown[];
      shape: number[];
    };
    expect(shown.input).toEqual([...input.slice(0, SHOWN_VALUES), `… ${131072 - SHOWN_VALUES} more`]);
    expect(shown.shape).toEqual([1, 131072]);
  });
});

describe('faultGroups and stoppedLine (FMT-5.3, FMT-5.4, CLI-8)', () => {
  it('should group the faults of the implementation by kind, counting the checks, the first kept', () => {
    const groups = faultGroups(INTERRUPTED_REPORT);
    expect(groups.map((g) => [g.kind, g.count, g.first.check])).toEqual([
      ['timeout', 2, 'agreement/binary_cross_entropy/float64/torch'],
    ]);
    expect(faultGroups(SAMPLE_REPORT)).toEqual([]);
  });

  it('should say why a run stopped early, and nothing for a whole run', () => {
    expect(stoppedLine(INTERRUPTED_REPORT)).toBe('interrupted: 1 checks not run; the results are those found so far');
    const gaveUp = { ...INTERRUPTED_REPORT, interrupted: undefined, gaveUp: 'gave up on x after 3 faults in a row' };
    expect(stoppedLine(gaveUp)).toBe('gave up on x after 3 faults in a row; 1 checks not run');
    expect(verdictLine(gaveUp)).toBe('nonconformant (4 failing, gave up)');
    expect(stoppedLine(SAMPLE_REPORT)).toBeUndefined();
  });
});

describe('replayLine (CHK-2)', () => {
  it('should quote an implementation that a shell would split, so that the line pastes', () => {
    const report = { ...SAMPLE_REPORT, implementation: 'cmd:node adapter.mjs --fast' };
    const failure = SAMPLE_REPORT.results.find((r) => r.status === 'fail')!;
    expect(replayLine(failure, report)).toContain("losscheck check --impl 'cmd:node adapter.mjs --fast' --level");
  });
});
