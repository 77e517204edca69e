/**
 * The conformance run behind spec/findings/tfjs.md: `check --profile tfjs` on one backend, without
 * a manifest, summarised per family, with every failing check's shrunk counterexample.
 */
import type { Implementation } from '../../../adapters/types.js';
import { runCheck } from '../../../check/run.js';
import type { ReferenceEngine } from '../../../reference/arithmetic.js';
import type { CheckResult } from '../../../report/types.js';
import { DEFAULT_FAMILIES } from '../../../../properties/suite.js';

export interface CheckSummary {
  readonly implementation: string;
  readonly seed: number;
  readonly runs: number;
  /** Per family: `pass`, `fail`, `skip` counts. */
  readonly families: readonly { readonly family: string; readonly counts: Record<string, number> }[];
  readonly failures: readonly CheckResult[];
}

export async function checkSummary(
  impl: Implementation,
  engine: ReferenceEngine,
  seed: number,
  runs: number,
): Promise<CheckSummary> {
  const scope = {
    losses: ['softmax_cross_entropy', 'binary_cross_entropy', 'binary_cross_entropy_with_logits'],
    dtypes: ['float32'],
    profiles: ['tfjs'],
  } as const;
  const report = await runCheck(
    { impl, engine, level: 'stable', scope, families: DEFAULT_FAMILIES, runs, seed },
    'findings',
  );
  const families = DEFAULT_FAMILIES.map((family) => {
    const counts: Record<string, number> = {};
    for (const r of report.results.filter((r) => r.family === family)) counts[r.status] = (counts[r.status] ?? 0) + 1;
    return { family, counts };
  });
  return {
    implementation: impl.name,
    seed,
    runs,
    families,
    failures: report.results.filter((r) => r.status === 'fail'),
  };
}
