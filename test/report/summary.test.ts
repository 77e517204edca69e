import { describe, expect, it } from 'vitest';
import { caseLine, SHOWN_VALUES } from '../../src/report/summary.js';
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
