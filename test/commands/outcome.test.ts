/**
 * What `check` prints in a GitHub Actions job (CI-3): annotations after the summary, at most ten,
 * and none outside one.
 */
import { describe, expect, it } from 'vitest';
import { losscheck } from '../__helpers__/cli.js';

const failing = [
  'check',
  '--impl',
  'naive',
  '--family',
  'spec,agreement',
  '--runs',
  '5',
  '--seed',
  '3',
  '--workers',
  '1',
];

describe('check in a GitHub Actions job', () => {
  it('should annotate the failures, at most ten, and count the rest in a notice', () => {
    const r = losscheck(failing, '', { GITHUB_ACTIONS: 'true' });
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    const errors = lines.filter((l) => l.startsWith('::error title=losscheck '));
    const failed = Number(/\((\d+) failing\)/.exec(r.stdout)?.[1]);
    expect(failed).toBeGreaterThan(10);
    expect(errors).toHaveLength(10);
    expect(lines).toContain(
      `::notice title=losscheck::${failed - 10} more failures not annotated (GitHub keeps 10): see the log of this step`,
    );
  }, 120_000);

  it('should print no workflow command elsewhere', () => {
    const r = losscheck(failing, '', { GITHUB_ACTIONS: '' });
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(/^::/m);
  }, 120_000);
});
