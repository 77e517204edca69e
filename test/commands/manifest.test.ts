/**
 * Manifests that audit themselves, from the command line (spec/formats.md#CHK-4.1, CHK-4.2): a
 * manifest with an expired, a stale and a wrong-reason entry gives a report naming each, exit 1;
 * `losscheck manifest --from` writes the manifest that makes the run it came from conformant.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/check/manifest.js';
import type { CheckReport } from '../../src/report/types.js';
import { losscheck } from '../__helpers__/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'losscheck-manifest-cli-'));
const file = (name: string) => join(dir, name);
const read = <T>(name: string) => JSON.parse(readFileSync(file(name), 'utf8')) as T;
const run = ['check', '--impl', 'naive', '--loss', 'binary_cross_entropy_with_logits', '--family', 'spec,agreement'];
const same = [...run, '--runs', '5', '--seed', '3', '--workers', '1'];
const BCEL = 'agreement/binary_cross_entropy_with_logits';

describe('a manifest auditing itself (CHK-4.1)', () => {
  const manifest: Manifest = {
    implementation: 'naive',
    deviations: [
      { check: `${BCEL}/float64/torch`, kind: 'non-finite', reason: 'overflow, to fix by 2020', expires: '2020-01-01' },
      { check: `${BCEL}/float32/torch`, kind: 'beyond-level', message: 'ULPs', reason: 'a few bits' },
      { check: 'spec/bcel_worked_example', kind: 'beyond-level', reason: 'fixed since' },
      ...['float16', 'bfloat16'].map((dtype) => ({
        check: `${BCEL}/${dtype}/torch`,
        kind: 'non-finite' as const,
        message: 'Infinity where the exact value is finite',
        reason: 'σ(x) rounds to 0',
      })),
      { check: 'spec/bcel_tiny_losses', kind: 'non-finite', reason: '1 − σ(x) cancels' },
    ],
  };

  it('should name the expired, the stale and the wrong-reason entry, and fail the run', () => {
    writeFileSync(file('audit.json'), JSON.stringify(manifest));
    const r = losscheck([...same, '--manifest', file('audit.json'), '--json', file('audit-report.json')]);
    expect(r.status).toBe(1);
    const report = read<CheckReport>('audit-report.json');
    expect(report.expiredManifestEntries).toEqual([
      `${BCEL}/float64/torch [non-finite] (expires 2020-01-01): overflow, to fix by 2020`,
    ]);
    expect(report.staleManifestEntries).toEqual(['spec/bcel_worked_example [beyond-level]: fixed since']);
    expect(report.wrongReasonFailures).toEqual([
      expect.stringMatching(
        /^agreement\/binary_cross_entropy_with_logits\/float32\/torch failed \[non-finite\] loss\[0\] = Infinity.*, not as .*float32\/torch \[beyond-level\] \/ULPs\/: a few bits$/,
      ),
    ]);
    expect(report.results.map((x) => x.status)).toEqual(['pass', 'pass', 'xfail', 'fail', 'fail', 'xfail', 'xfail']);
    for (const [label, entry] of [
      ['EXPIRED manifest entry', report.expiredManifestEntries[0]],
      ['STALE manifest entry (no longer fails)', report.staleManifestEntries[0]],
      ['WRONG REASON', report.wrongReasonFailures[0]],
    ])
      expect(r.stdout).toContain(`${label}: ${entry}`);
    expect(r.stdout).toContain('verdict: nonconformant (2 failing, 1 manifest entry expired)');
  }, 120_000);
});

describe('losscheck manifest --from (CHK-4.2)', () => {
  beforeAll(() => {
    losscheck([...same, '--json', file('found.json')]);
  }, 120_000);

  it('should write a signed entry per failure, which makes the run conformant with nothing stale', () => {
    const r = losscheck(['manifest', '--from', file('found.json'), '--out', file('m.json'), '--expires', '2099-12-31']);
    expect([r.status, r.stderr]).toEqual([0, `5 entries from ${file('found.json')}: give each a reason (CHK-4)\n`]);
    const m = read<Manifest>('m.json');
    expect(m.deviations.map((d) => [d.kind, d.expires, d.message?.startsWith('^')])).toEqual(
      m.deviations.map(() => ['non-finite', '2099-12-31', true]),
    );
    const again = losscheck([...same, '--manifest', file('m.json'), '--strict-manifest', '--json', file('again.json')]);
    const report = read<CheckReport>('again.json');
    expect([again.status, report.summary.xfail, report.summary.fail, report.staleManifestEntries]).toEqual([
      0,
      5,
      0,
      [],
    ]);
  }, 120_000);

  it('should refuse a file that is not a check report (exit 2)', () => {
    const r = losscheck(['manifest', '--from', 'package.json']);
    expect([r.status, r.stderr.trim()]).toEqual([
      2,
      'losscheck: manifest --from: package.json is not a losscheck check report (REP-1)',
    ]);
  });
});

describe('pinned counterexamples (CHK-4.1)', () => {
  const scope = ['--loss', 'binary_cross_entropy_with_logits', '--dtype', 'float32', '--family', 'agreement'];
  const check = (impl: string, ...more: string[]) =>
    losscheck(['check', '--impl', impl, ...scope, '--runs', '5', '--seed', '3', '--workers', '1', ...more]);

  beforeAll(() => {
    check('naive', '--corpus', file('found'));
    const [pinned] = readdirSync(file('found'));
    const manifest: Manifest = {
      deviations: [
        {
          check: `${BCEL}/float32/torch`,
          kind: 'non-finite',
          reason: 'σ(x) rounds to 1',
          counterexample: `found/${pinned!}`,
        },
      ],
    };
    writeFileSync(file('pinned.json'), JSON.stringify(manifest));
  }, 120_000);

  it('should replay the entry’s counterexample every run, an xfail while the deviation holds', () => {
    const r = check('naive', '--manifest', file('pinned.json'), '--json', file('held.json'));
    const report = read<CheckReport>('held.json');
    expect(r.status).toBe(0);
    expect(report.results.map((x) => [x.check, x.status])).toEqual([
      [`manifest[0]/${BCEL}/float32/torch`, 'xfail'],
      [`${BCEL}/float32/torch`, 'xfail'],
    ]);
    expect([report.staleManifestEntries, report.unexpectedPasses]).toEqual([[], []]);
  }, 120_000);

  it('should report an unexpected pass when the pinned counterexample passes, failing the run under --strict-manifest', () => {
    const loose = check('accurate', '--manifest', file('pinned.json'), '--json', file('fixed.json'));
    const report = read<CheckReport>('fixed.json');
    expect(loose.status).toBe(0);
    expect(report.unexpectedPasses).toEqual([`${BCEL}/float32/torch [non-finite]: σ(x) rounds to 1`]);
    expect(report.staleManifestEntries).toEqual([]);
    expect(loose.stdout).toContain(`UNEXPECTED PASS: ${report.unexpectedPasses[0]}`);
    expect(check('accurate', '--manifest', file('pinned.json'), '--strict-manifest').status).toBe(1);
  }, 120_000);

  it('should refuse a pinned counterexample of another check (exit 2)', () => {
    const other: Manifest = {
      deviations: [
        {
          check: 'spec/bce_clamp',
          reason: 'r',
          counterexample: JSON.parse(readFileSync(file('pinned.json'), 'utf8')).deviations[0].counterexample,
        },
      ],
    };
    writeFileSync(file('other.json'), JSON.stringify(other));
    const r = check('naive', '--manifest', file('other.json'));
    expect([r.status, r.stderr]).toEqual([
      2,
      expect.stringMatching(
        /deviations\[0\]\.counterexample .* is of agreement\/binary_cross_entropy_with_logits\/float32\/torch, not of spec\/bce_clamp \(CHK-4\.1\)/,
      ),
    ]);
  });
});
