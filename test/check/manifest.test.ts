import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyManifest, auditedVerdict } from '../../src/check/audit.js';
import { loadManifest, type Deviation, type Manifest } from '../../src/check/manifest.js';
import { failureKind } from '../../src/check/signature.js';
import type { FailureKind } from '../../src/verdict/kinds.js';
import { UsageError } from '../../src/case/errors.js';
import type { CheckResult } from '../../src/report/types.js';

const failing = (check: string, message: string, kind: FailureKind = 'beyond-level'): CheckResult => ({
  check,
  kind,
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
    const { results, audit } = applyManifest(
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
    expect(audit.stale).toEqual([
      `${BCE} /accepted a case its profile rejects \\(probability_out_of_range\\)/: no range check`,
    ]);
  });

  it('should leave a failure of the check with another message failing, as a wrong reason, not stale (CHK-4.1)', () => {
    const { results, audit } = applyManifest([failing(BCE, 'rejected a valid case: RuntimeError: boom')], manifest);
    expect(results[0]!.status).toBe('fail');
    expect([audit.stale, audit.wrongReason.length]).toEqual([[], 1]);
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

const withBits = (check: string, message: string, bits: number): CheckResult => ({ ...failing(check, message), bits });

describe('signatures: kind, message, bits (CHK-4)', () => {
  it('should take the kind the judgement decided (REP-7), a fault’s being fault', () => {
    expect(failureKind({ kind: 'semantic' })).toBe('semantic');
    expect(failureKind({ fault: 'crash' })).toBe('fault');
  });

  it('should excuse a failure only when every field of the signature given matches', () => {
    const entry = (over: Partial<Deviation>): Manifest => ({ deviations: [{ check: BCE, reason: 'r', ...over }] });
    const r = withBits(BCE, 'loss[0] = 1, expected 1.5: beyond the stable level', 12);
    const status = (m: Manifest) => applyManifest([r], m).results[0]!.status;
    expect(status(entry({ kind: 'beyond-level' }))).toBe('xfail');
    expect(status(entry({ kind: 'non-finite' }))).toBe('fail');
    expect(status(entry({ kind: 'beyond-level', bits: [10, 20] }))).toBe('xfail');
    expect(status(entry({ kind: 'beyond-level', bits: [13, 20] }))).toBe('fail');
    expect(status(entry({ kind: 'beyond-level', message: 'expected 2' }))).toBe('fail');
  });
});

describe('the manifest audits itself (CHK-4.1)', () => {
  const today = '2026-06-01';
  const m: Manifest = {
    deviations: [
      { check: BCE, kind: 'non-finite', reason: 'overflow', expires: '2026-05-31' },
      { check: BCE, kind: 'beyond-level', reason: 'log(1 − p)', expires: '2026-06-01' },
      { check: 'spec/bce_clamp', kind: 'beyond-level', reason: 'fixed since' },
    ],
  };
  const nonFinite = failing(BCE, 'loss[0] = NaN, expected 0: NaN where the exact value is finite', 'non-finite');
  const pass: CheckResult = { ...failing('spec/bce_clamp', ''), status: 'pass' };

  it('should list expired entries, which excuse nothing and fail the run; an entry expiring today still holds', () => {
    const { results, audit } = applyManifest([nonFinite, pass], m, today);
    expect(audit.expired).toEqual([`${BCE} [non-finite] (expires 2026-05-31): overflow`]);
    expect(results[0]!.status).toBe('fail');
    expect(auditedVerdict('conformant', audit, m)).toBe('nonconformant');
  });

  it('should list a failure of a named check that is not the failure named, and leave it failing', () => {
    const { results, audit } = applyManifest([nonFinite], m, today);
    expect(results[0]!.status).toBe('fail');
    expect(audit.wrongReason).toEqual([
      `${BCE} failed [non-finite] ${nonFinite.message}, not as ${BCE} [beyond-level] (expires 2026-06-01): log(1 − p)`,
    ]);
  });

  it('should list stale entries, failing the run only under --strict-manifest', () => {
    const live: Manifest = { deviations: m.deviations.slice(2) };
    const { audit } = applyManifest([pass], live, today);
    expect(audit.stale).toEqual(['spec/bce_clamp [beyond-level]: fixed since']);
    expect(auditedVerdict('conformant', audit, live)).toBe('conformant');
    expect(auditedVerdict('conformant', audit, { ...live, strict: true })).toBe('nonconformant');
  });

  it('should refuse an entry with a kind, bits or expiry not of their shape, naming the field (exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'losscheck-manifest-'));
    for (const [field, value] of [
      ['kind', 'nan'],
      ['bits', [5, 2]],
      ['expires', '2026-02-30'],
      ['implementations', 'tfjs-wasm'],
    ] as const) {
      const file = join(dir, `${field}.json`);
      writeFileSync(file, JSON.stringify({ deviations: [{ check: BCE, reason: 'r', [field]: value }] }));
      expect(() => loadManifest(file)).toThrow(
        new RegExp(`deviations\\[0\\]\\.${field} is missing or not of its shape`),
      );
    }
  });
});

describe('a manifest several implementations share (CHK-4.3)', () => {
  it('should leave out, for a run of one implementation, the entries naming only others', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'losscheck-manifest-')), 'shared.json');
    const deviations = [
      { check: BCE, reason: 'every backend' },
      { check: BCE, reason: 'the WebAssembly backend only', implementations: ['tfjs-wasm'] },
    ];
    writeFileSync(file, JSON.stringify({ implementation: 'tfjs, tfjs-wasm', deviations }));
    const reasons = (impl?: string) => loadManifest(file, false, impl).deviations.map((d) => d.reason);
    expect(reasons('tfjs')).toEqual(['every backend']);
    expect(reasons('tfjs-wasm')).toEqual(['every backend', 'the WebAssembly backend only']);
    expect(reasons()).toEqual(['every backend', 'the WebAssembly backend only']);
  });
});
