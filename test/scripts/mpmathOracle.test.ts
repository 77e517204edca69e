/**
 * The independent oracle's own tests (scripts/oracle/test_mpmath_oracle.py): its readings of
 * spec/profiles.md (PRO-2, PRO-7, PRO-18..PRO-22), its special values and its agreement with
 * naive 4000-bit transcriptions of the formulas, run by `npm test` like any other test.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PYTHON, skipWithout } from '../__helpers__/python.js';

describe.skipIf(skipWithout('mpmath'))('scripts/oracle self-test (TOL-6)', () => {
  it('should pass every test of the oracle', () => {
    const run = spawnSync(PYTHON, ['-m', 'unittest', 'discover', '-s', 'scripts/oracle'], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(run.status, run.stderr.split('\n').slice(-40).join('\n')).toBe(0);
    expect(run.stderr).toMatch(/Ran [1-9][0-9]* tests/);
  });
});
