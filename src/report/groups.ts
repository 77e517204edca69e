/**
 * Failures grouped by kind (spec/formats.md#REP-7) and results placed by loss and dtype: what the
 * terminal, Markdown and HTML reports show the same way.
 */
import { DTYPES, LOSSES } from '../case/types.js';
import { FAILURE_KINDS, type FailureKind } from '../verdict/kinds.js';
import type { CheckReport, CheckResult } from './types.js';

/** Each kind in words, as a heading. */
export const KIND_TITLES: Readonly<Record<FailureKind | 'error', string>> = {
  'non-finite': 'non-finite where the exact value is finite',
  'beyond-level': 'beyond the level',
  'rejected-valid': 'rejected a valid case',
  'accepted-invalid': 'accepted a bad input',
  'missing-output': 'missing output',
  semantic: 'semantic mismatch (a special value not matched)',
  fault: 'no answer (a fault of the implementation)',
  error: 'the check itself failed (error)',
};

export interface KindGroup {
  readonly kind: FailureKind | 'error';
  readonly title: string;
  readonly results: readonly CheckResult[];
}

/** The failures (`fail`, `error`) by kind, in REP-7's order, errors last; empty kinds left out. */
export function kindGroups(report: CheckReport): KindGroup[] {
  const kindOf = (r: CheckResult): FailureKind | 'error' => (r.status === 'error' ? 'error' : (r.kind ?? 'fault'));
  const failing = report.results.filter((r) => r.status === 'fail' || r.status === 'error');
  return [...FAILURE_KINDS, 'error' as const]
    .map((kind) => ({ kind, title: KIND_TITLES[kind], results: failing.filter((r) => kindOf(r) === kind) }))
    .filter((g) => g.results.length > 0);
}

/** The loss and dtype a check covers, read from its id's segments (`family/…/loss/dtype/profile`). */
export function checkScope(check: string): { loss?: string; dtype?: string } {
  const parts = check.split('/');
  const loss = parts.find((p) => (LOSSES as readonly string[]).includes(p));
  const dtype = parts.find((p) => (DTYPES as readonly string[]).includes(p));
  return { ...(loss && { loss }), ...(dtype && { dtype }) };
}
