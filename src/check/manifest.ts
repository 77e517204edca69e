/**
 * Known deviations of an implementation (spec/formats.md#CHK-4): checks expected to fail, each
 * with a reason. A failing check an entry names is `xfail`; an entry that names no failure is
 * stale (the deviation is fixed) and reported as such.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../case/errors.js';
import type { CheckResult } from '../report/types.js';

export interface Deviation {
  /** A check id; `*` matches any run of characters within one `/`-separated part. */
  readonly check: string;
  readonly reason: string;
  readonly link?: string;
}

export interface Manifest {
  readonly implementation?: string;
  readonly deviations: readonly Deviation[];
}

function pattern(check: string): RegExp {
  const escaped = check
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${escaped}$`);
}

export function loadManifest(file: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--manifest ${file}: ${(e as Error).message}`);
  }
  const deviations = (raw as { deviations?: unknown }).deviations;
  if (
    !Array.isArray(deviations) ||
    !deviations.every((d) => typeof d?.check === 'string' && typeof d?.reason === 'string')
  ) {
    throw new UsageError(
      `--manifest ${file}: expected { "deviations": [{ "check": "...", "reason": "..." }] } (CHK-4)`,
    );
  }
  return raw as Manifest;
}

/** Failures the manifest expects become `xfail`; returns the results and the stale entries. */
export function applyManifest(
  results: readonly CheckResult[],
  manifest: Manifest | undefined,
): { results: CheckResult[]; stale: string[] } {
  if (!manifest) return { results: [...results], stale: [] };
  const used = new Set<Deviation>();
  const applied = results.map((r) => {
    const deviation = manifest.deviations.find((d) => pattern(d.check).test(r.check));
    if (!deviation) return r;
    if (r.status !== 'fail') return r;
    used.add(deviation);
    return { ...r, status: 'xfail' as const, reason: deviation.reason };
  });
  const stale = manifest.deviations.filter((d) => !used.has(d) && results.some((r) => pattern(d.check).test(r.check)));
  return { results: applied, stale: stale.map((d) => `${d.check}: ${d.reason}`) };
}
