import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { conformanceSuite } from '../../src/vitest.js';

interface FileResult {
  readonly name: string;
  readonly status: string;
  readonly assertionResults: readonly {
    readonly title: string;
    readonly status: string;
    readonly failureMessages: readonly string[];
  }[];
}

interface SuitesRun {
  readonly status: number | null;
  readonly stderr: string;
  readonly files: FileResult[];
}

/** Run vitest, as a user would, on the example and on a broken plug-in's suite (test/vitest/__fixtures__). */
function runSuites(): SuitesRun {
  const out = join(mkdtempSync(join(tmpdir(), 'losscheck-vitest-')), 'results.json');
  const config = 'test/vitest/__fixtures__/vitest.conformance.config.ts';
  const run = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--config', config, '--reporter=json', `--outputFile=${out}`],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const files = (JSON.parse(readFileSync(out, 'utf8')) as { testResults: FileResult[] }).testResults;
  return { status: run.status, stderr: run.stderr, files };
}

describe('conformanceSuite from losscheck/vitest (CHK-8)', () => {
  let suites: SuitesRun;
  const file = (name: string) => suites.files.find((f) => f.name.endsWith(name))!;
  beforeAll(() => {
    suites = runSuites();
  }, 150_000); // the nested run's own timeout, and its start-up, on a loaded 2-core box

  it("should end the run with exit 1, as vitest does when a test fails: the broken plug-in's", () => {
    expect(suites.status, suites.stderr).toBe(1);
    expect(suites.files.map((f) => [f.name.replace(/^.*\//, ''), f.status]).sort()).toEqual([
      ['logsumexp.conformance.test.mjs', 'passed'],
      ['wrongGradientSign.conformance.test.mjs', 'failed'],
    ]);
  });

  it('should register one passing (or skipped) test per check for a conformant plug-in: examples/vitest', () => {
    const example = file('examples/vitest/logsumexp.conformance.test.mjs');
    expect(example.status).toBe('passed');
    const titles = example.assertionResults.map((a) => a.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'agreement/softmax_cross_entropy/float32/torch',
        'agreement/softmax_cross_entropy/bfloat16/torch',
      ]),
    );
    expect(example.assertionResults.filter((a) => a.status !== 'passed' && a.status !== 'skipped')).toEqual([]);
  });

  it('should fail the tests of a broken plug-in with the counterexample and the seed that find it again', () => {
    const broken = file('wrongGradientSign.conformance.test.mjs');
    const failed = broken.assertionResults.filter((a) => a.status === 'failed');
    expect(failed.map((a) => a.title)).toContain('agreement/softmax_cross_entropy/float32/torch');
    for (const a of failed) {
      expect(a.failureMessages[0]).toMatch(
        /^Error: \S+: grad\[\d+\] = .*\ncounterexample: \{.*\}\nseed \d+, path [\d:]+: conformanceSuite\(impl, \{ seed: \d+, runs: 20 \}\) finds it again/,
      );
    }
  });

  it('should refuse an option value it does not know, rather than test nothing', () => {
    const impl = { name: 'x', evaluate: () => ({ loss: [0] }) };
    expect(() => conformanceSuite(impl, { losses: ['softmax'] as never })).toThrow(
      'conformanceSuite: losses takes softmax_cross_entropy,',
    );
    expect(() => conformanceSuite(impl, { level: 'strict' as never })).toThrow(
      'conformanceSuite: level takes exact, accurate, stable, opmath, framework; got "strict"',
    );
    expect(() => conformanceSuite(impl, { require: ['gradient'] as never })).toThrow(
      'conformanceSuite: require takes grad, logProb, lse, gradWeight, gradBias; got "gradient"',
    );
  });
});
