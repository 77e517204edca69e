import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/report/junit.js';
import { HOSTILE, INTERRUPTED_REPORT, SAMPLE_REPORT } from './sampleReport.js';

const xml = renderJunit(SAMPLE_REPORT);

/** The elements named `name`: attributes (values never hold a quote), then `/>` or content up to the closing tag. */
const elements = (name: string, within = xml): string[] =>
  [...within.matchAll(new RegExp(`<${name}(?:\\s+[\\w.:-]+="[^"]*")*\\s*(?:/>|>[\\s\\S]*?</${name}>)`, 'g'))].map(
    (m) => m[0],
  );

const testcase = (check: string): string => elements('testcase').find((tc) => tc.includes(`name="${check}"`))!;

describe('renderJunit (REP-2)', () => {
  it('should have one testsuite per family, in run order, and one testcase per check', () => {
    const suites = elements('testsuite').map((s) => /name="([^"]*)"/.exec(s)![1]);
    expect(suites).toEqual(['spec', 'agreement', 'coverage']);
    const checks = elements('testcase').filter((tc) => !tc.includes('classname="coverage"'));
    expect(checks).toHaveLength(SAMPLE_REPORT.results.length);
    expect(xml).toMatch(/<testsuites [^>]*tests="8" failures="1" errors="1" skipped="5"/);
  });

  it('should give a failure its message, the counterexample, the ULPs and bits and the replay line', () => {
    const failure = elements('failure', testcase('agreement/softmax_cross_entropy/float32/torch'))[0]!;
    expect(failure).toContain('type="nonconformant"');
    expect(failure).toContain('message="loss[0] = NaN, expected 0');
    expect(failure).toContain('counterexample: {"id":');
    expect(failure).toContain('error: 4294967296 ULPs, 32.0 bits');
    expect(failure).toContain(
      'replay: seed 7, path 3:1:0: losscheck check --impl sample --level stable --seed 7 --runs 20',
    );
  });

  it('should show an xfail as skipped with the manifest reason, a skip as skipped with its reason, an error as an error', () => {
    expect(testcase('spec/sce_huge_gap')).toMatch(
      /<property name="xfail" value="exp overflows [^"]*"\/>[\s\S]*<skipped\/>/,
    );
    expect(testcase('agreement/binary_cross_entropy/float16/tfjs')).toMatch(
      /<property name="reason" value="float32 only [^"]*"\/>[\s\S]*<skipped\/>/,
    );
    expect(testcase('agreement/binary_cross_entropy/float32/tfjs')).toContain('<error message="TypeError:');
    expect(elements('failure', testcase('spec/sce_unbatched'))).toEqual([]);
  });

  it('should carry the run and the stale manifest entries as properties, and escape every text', () => {
    expect(xml).toContain('<property name="seed" value="7"/>');
    expect(xml).toContain('<property name="stale.0" value="spec/bcel_tiny_losses: fixed');
    // Character data is literal inside CDATA; everywhere else markup must be escaped.
    const outsideCdata = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
    expect(outsideCdata).not.toContain('<script>');
    expect(outsideCdata).toContain('&lt;script>alert(&quot;x&quot;)');
    expect(xml).toContain(`<![CDATA[loss[0] = NaN, expected 0: NaN where the exact value is finite ${HOSTILE}`);
  });

  it('should list each output not offered as a skipped testcase of a coverage testsuite (CHK-9)', () => {
    expect(testcase('notOffered/grad/softmax_cross_entropy/float32')).toMatch(
      /classname="coverage"[\s\S]*<property name="reason" value="grad not offered: no gradients &lt;script>[\s\S]*<skipped\/>/,
    );
    expect(testcase('notOffered/loss/binary_cross_entropy/float16')).toContain(
      'value="declined (no output): float32 only"',
    );
  });
});

describe('renderJunit of an interrupted run (CLI-8)', () => {
  const stopped = renderJunit(INTERRUPTED_REPORT);

  it('should skip a check that did not run, with the reason, and say the run was interrupted', () => {
    const notRun = elements('testcase', stopped).find((tc) => tc.includes('name="stress/binary_cross_entropy'))!;
    expect(notRun).toMatch(/<skipped\/>/);
    expect(notRun).toContain('<property name="reason" value="interrupted by SIGINT"/>');
    expect(stopped).toMatch(/<testsuites name="losscheck sample \(stable\): nonconformant \(4 failing, interrupted\)"/);
  });
});
