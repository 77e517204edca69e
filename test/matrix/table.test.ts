import { describe, expect, it } from 'vitest';
import { cell } from '../../src/matrix/table.js';
import type { CheckReport, CheckResult, CheckStatus } from '../../src/report/types.js';
import { SAMPLE_REPORT } from '../report/sampleReport.js';

const result = (status: CheckStatus, family = 'agreement'): CheckResult => ({
  check: `${family}/softmax_cross_entropy/float64/torch`,
  family,
  clauses: [],
  status,
  runs: 1,
  skipped: 0,
  seconds: 0,
});

const reportOf = (...statuses: CheckStatus[]): CheckReport => ({
  ...SAMPLE_REPORT,
  results: statuses.map((s, i) => result(s, `family${i}`)),
});

describe('cell (CLI-6)', () => {
  it('should mark a loss × dtype whose checks did not all run with ?, unless one failed (CLI-8, FMT-5.4)', () => {
    expect(cell(reportOf('pass', 'notrun'), 'softmax_cross_entropy', 'float64')).toBe('?');
    expect(cell(reportOf('notrun', 'notrun'), 'softmax_cross_entropy', 'float64')).toBe('?');
    expect(cell(reportOf('fail', 'notrun'), 'softmax_cross_entropy', 'float64')).toBe('✗');
    expect(cell(reportOf('pass', 'pass'), 'softmax_cross_entropy', 'float64')).toBe('✓');
  });
});
