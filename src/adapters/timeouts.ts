/**
 * How long a plug-in has for a case (spec/formats.md#FMT-5.3): the base (`--timeout`, default
 * 10 s) for a case of up to 65536 values, as much again per 65536 more, and the base once more
 * for the first case after a process starts, which pays for its start. A module's loading is
 * timed apart (FMT-5.5).
 */
import { valueCount } from '../case/size.js';
import type { LossCase } from '../case/types.js';

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Values a case may hold before its time grows: a 131072-class row has three times the base. */
const VALUES_PER_BASE = 65_536;

/** The time allowed for one case, in milliseconds. */
export function caseTimeoutMs(c: LossCase, baseMs: number, starting: boolean): number {
  return baseMs * (1 + valueCount(c) / VALUES_PER_BASE + (starting ? 1 : 0));
}

/** Loading a `module:` (FMT-5.5): what large frameworks need to import, or twice a longer base. */
export const loadTimeoutMs = (baseMs: number): number => Math.max(30_000, 2 * baseMs);
