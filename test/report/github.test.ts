/**
 * GitHub Actions annotations (spec/formats.md#CI-3): one `::error` per failure, at most ten, one
 * `::notice` for the rest, their text escaped as the runner reads it; written only when
 * GITHUB_ACTIONS=true.
 */
import { describe, expect, it } from 'vitest';
import { ANNOTATION_LIMIT, annotations, inGithubActions } from '../../src/report/github.js';
import type { CheckReport } from '../../src/report/types.js';
import { FAILURE, SAMPLE_REPORT } from './sampleReport.js';

const withFailures = (n: number): CheckReport => ({
  ...SAMPLE_REPORT,
  interrupted: undefined,
  gaveUp: undefined,
  results: Array.from({ length: n }, (_, i) => ({ ...FAILURE, check: `agreement/f${i}` })),
});

describe('annotations (CI-3)', () => {
  it('should write one ::error per failure, titled by its check, with its replay line', () => {
    const lines = annotations(withFailures(2));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::error title=losscheck agreement\/f0::loss\[0\] = NaN/);
    expect(lines[0]).toContain('%0Areplay: ');
  });

  it('should write at most ten errors and one notice counting the rest', () => {
    const lines = annotations(withFailures(ANNOTATION_LIMIT + 3), 'out/report.html');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(ANNOTATION_LIMIT);
    expect(lines.at(-1)).toBe(
      '::notice title=losscheck::3 more failures not annotated (GitHub keeps 10): see out/report.html',
    );
  });

  it('should write no notice when every failure is annotated', () => {
    expect(annotations(withFailures(ANNOTATION_LIMIT)).some((l) => l.startsWith('::notice'))).toBe(false);
  });

  it('should escape what would end the command or its title early', () => {
    const report = withFailures(1);
    const r = { ...report.results[0]!, check: 'a:b,c', message: '100% wrong\r\nsecond line' };
    const [line] = annotations({ ...report, results: [r] });
    expect(line).toMatch(/^::error title=losscheck a%3Ab%2Cc::100%25 wrong%0D%0Asecond line/);
    expect(line!.split('\n')).toHaveLength(1);
  });

  it('should annotate a run that stopped early', () => {
    const report = { ...withFailures(0), gaveUp: 'the plug-in crashed 3 times' };
    expect(annotations(report)).toEqual(['::error title=losscheck sample::the plug-in crashed 3 times']);
  });

  it('should tell a GitHub Actions job by GITHUB_ACTIONS=true only', () => {
    expect([{ GITHUB_ACTIONS: 'true' }, { GITHUB_ACTIONS: 'false' }, {}].map(inGithubActions)).toEqual([
      true,
      false,
      false,
    ]);
  });
});
