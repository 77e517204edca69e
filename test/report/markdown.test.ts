import { describe, expect, it } from 'vitest';
import { fenced, inline, renderMarkdown } from '../../src/report/markdown.js';
import { HOSTILE, INTERRUPTED_REPORT, SAMPLE_REPORT } from './sampleReport.js';

const md = renderMarkdown(SAMPLE_REPORT);

/** A table row's cells: split at pipes Markdown does not see escaped. */
const cells = (row: string): string[] => row.split(/(?<!\\)\|/).slice(1, -1);

/** The table that starts with a header line. */
function table(header: string): string[][] {
  const lines = md.split('\n');
  const start = lines.indexOf(header);
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
  return lines.slice(start, end).map(cells);
}

describe('renderMarkdown (REP-3)', () => {
  it('should open with the verdict, the implementation, the level, the seed and the runs', () => {
    expect(md.split('\n')[0]).toBe('# losscheck: sample is nonconformant (2 failing)');
    expect(md).toContain('Level stable, seed 7, 20 runs per property');
  });

  it("should count every status per family in one table whose rows all have the header's cells", () => {
    const rows = table('| family | pass | fail | xfail | skip | error | notrun |');
    expect(rows.slice(2).map((r) => r.map((c) => c.trim()))).toEqual([
      ['spec', '1', '0', '1', '0', '0', '0'],
      ['agreement', '0', '1', '0', '1', '1', '0'],
    ]);
  });

  it('should list the failures with ULPs and bits, each counterexample in a code block, and its replay line', () => {
    const rows = table('| check | message | ULPs | bits | clauses |');
    expect(rows.every((r) => r.length === 5)).toBe(true);
    expect(rows[2]!.map((c) => c.trim()).slice(2, 4)).toEqual(['4294967296', '32.0']);
    expect(md).toContain('```json\n{"id":"<script>');
    expect(md).toContain('Replay: seed 7, path 3:1:0: losscheck check --impl sample');
  });

  it('should give the expected failures and the skips with their reasons, and the stale manifest entries', () => {
    expect(md).toMatch(/## Expected failures \(manifest\)\n\n- spec\/sce\\_huge\\_gap: exp overflows /);
    expect(md).toMatch(/## Skipped\n\n- agreement\/binary\\_cross\\_entropy\/float16\/tfjs: float32 only /);
    expect(md).toMatch(/## Stale manifest entries \(no longer fail\)\n\n- spec\/bcel\\_tiny\\_losses: fixed /);
  });

  it('should escape Markdown and HTML in text, and fence code so that nothing inside closes it', () => {
    expect(inline(HOSTILE)).toBe('\\<script\\>alert("x")\\</script\\> \\| \\*\\*bold\\*\\* \\`tick\\` \\& \'quote\'');
    expect(inline('two\nlines')).toBe('two lines');
    expect(fenced('a ``` b', 'json')).toBe('````json\na ``` b\n````');
    expect(md.split('\n').filter((l) => l.includes('<script>') && !l.startsWith('{'))).toEqual([]);
  });

  it('should list what the implementation did not offer as coverage, in a table (CHK-9)', () => {
    const at = md.indexOf('## Not offered (coverage, not failures)');
    expect(at).toBeGreaterThan(md.indexOf('## Failures'));
    const rows = md
      .slice(at)
      .split('\n')
      .filter((l) => l.startsWith('| '))
      .map(cells);
    expect(rows[0]).toEqual([' output ', ' losses (dtypes) ', ' reason ']);
    expect(rows[1]!.slice(0, 2)).toEqual([' grad ', ' softmax\\_cross\\_entropy (float32, float64) ']);
    expect(rows[2]).toEqual([' every output ', ' binary\\_cross\\_entropy (float16) ', ' float32 only ']);
  });
});

describe('renderMarkdown of an interrupted run (CLI-8)', () => {
  it('should say so under the counts, and count the checks not run', () => {
    const stopped = renderMarkdown(INTERRUPTED_REPORT);
    expect(stopped).toContain('\n**interrupted: 1 checks not run; the results are those found so far**\n');
    expect(stopped).toMatch(/^\| stress \| 0 \| 0 \| 0 \| 0 \| 0 \| 1 \|$/m);
  });
});
