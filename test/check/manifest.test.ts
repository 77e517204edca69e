import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyManifest, loadManifest, type Manifest } from '../../src/check/manifest.js';
import { UsageError } from '../../src/case/errors.js';
import type { CheckResult } from '../../src/report/types.js';

const failing = (check: string, message: string): CheckResult => ({
  check,
  family: check.split('/')[0]!,
  clauses: [],
  status: 'fail',
  runs: 1,
  skipped: 0,
  seconds: 0,
  message,
});

const BCE = 'agreement/binary_cross_entropy/float64/torch';
const manifest: Manifest = {
  deviations: [
    { check: BCE, message: '^loss\\[\\d+\\] = 0, expected \\S+e-', reason: 'log(1 − p)' },
    {
      check: BCE,
      message: 'accepted a case its profile rejects \\(probability_out_of_range\\)',
      reason: 'no range check',
    },
  ],
};

describe('manifest entries name a check and a behaviour (CHK-4)', () => {
  it('should expect a failure only when both the check and the message match, each behaviour its own entry', () => {
    const { results, stale } = applyManifest(
      [
        failing(BCE, 'loss[1] = 0, expected 6.4e-323: 13 ULPs'),
        failing(BCE.replace('float64', 'float32'), 'loss[1] = 0, expected 1e-30: 3 ULPs'),
      ],
      manifest,
    );
    expect(results.map((r) => [r.status, r.reason])).toEqual([
      ['xfail', 'log(1 − p)'],
      ['fail', undefined],
    ]);
    expect(stale).toEqual([`${BCE}: no range check`]);
  });

  it('should leave a failure of the check with another message failing, and call the entry stale', () => {
    const { results, stale } = applyManifest([failing(BCE, 'rejected a valid case: RuntimeError: boom')], manifest);
    expect(results[0]!.status).toBe('fail');
    expect(stale).toHaveLength(2);
  });

  it('should match any message when an entry has none', () => {
    const { results } = applyManifest([failing(BCE, 'anything')], {
      deviations: [{ check: 'agreement/*/*/torch', reason: 'r' }],
    });
    expect(results[0]!.status).toBe('xfail');
  });

  it('should refuse a message that is not a regular expression, naming the entry (exit 2)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'losscheck-manifest-')), 'm.json');
    writeFileSync(file, JSON.stringify({ deviations: [{ check: BCE, message: 'loss[', reason: 'r' }] }));
    expect(() => loadManifest(file)).toThrow(UsageError);
    expect(() => loadManifest(file)).toThrow(/deviations\[0\]\.message is not a regular expression/);
  });
});
