/**
 * A failure's signature (spec/formats.md#CHK-4): the manifest entry fields that name the failure
 * expected — its kind (REP-7), a message pattern, a band of bits lost (TOL-2) — each optional,
 * all that are given to match.
 */
import type { CheckResult } from '../report/types.js';
import { FAILURE_KINDS, type FailureKind } from '../verdict/kinds.js';

export { FAILURE_KINDS, type FailureKind };

/** The kind of a failing result (REP-7), decided where it was judged; a fault's when it has none. */
export const failureKind = (r: Pick<CheckResult, 'kind' | 'fault'>): FailureKind | undefined =>
  r.kind ?? (r.fault ? 'fault' : undefined);

export interface Signature {
  /** The kind, or the kinds, of failure expected (a built-in's wildcard entry may meet several). */
  readonly kind?: FailureKind | readonly FailureKind[];
  /** A regular expression the failure's message must match (unanchored, JavaScript syntax). */
  readonly message?: string;
  /** `[least, most]`: the bits the failure lost (TOL-2) lie within. */
  readonly bits?: readonly [number, number];
}

/** Whether a failing result is the failure `s` names; `message` is its pattern, compiled. */
export function matchesSignature(r: CheckResult, s: Signature, message: RegExp | undefined): boolean {
  const kind = failureKind(r);
  if (s.kind !== undefined && (kind === undefined || ![s.kind].flat().includes(kind))) return false;
  if (message && !message.test(r.message ?? '')) return false;
  if (s.bits === undefined) return true;
  return r.bits !== undefined && r.bits >= s.bits[0] && r.bits <= s.bits[1];
}

/** A signature in a line: `[kind] /message/ bits a–b`. */
export function describeSignature(s: Signature): string {
  const parts = [
    s.kind && `[${[s.kind].flat().join('|')}]`,
    s.message !== undefined && `/${s.message}/`,
    s.bits && `bits ${s.bits[0]}–${s.bits[1]}`,
  ];
  return parts.filter(Boolean).join(' ') || 'any failure';
}
