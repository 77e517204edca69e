/**
 * Batch invariance and determinism of the ONNX Runtimes (spec/tolerance.md#TOL-INV), for
 * spec/findings/onnxruntime.md: the `invariance` family run on `ort` and `ort-web` under the onnx
 * profile, and each check that found a row whose bits depend on its batch, with what it found.
 */
import type { Implementation } from '../../../adapters/types.js';
import { runCheck } from '../../../check/run.js';
import type { ReferenceEngine } from '../../../reference/arithmetic.js';
import type { CheckReport } from '../../../report/types.js';
import { VERSION } from '../../../version.js';
import { DEFAULT_LEVEL } from '../../../verdict/levels.js';
import { cell } from './tables.js';

/** How the family was run: fixed, so that the document changes only when ORT or losscheck does. */
export interface InvarianceSample {
  readonly seed: number;
  readonly runs: number;
}

/** The family's report of one runtime: softmax and linear CE (the losses it covers) in ORT's dtypes. */
export function invarianceRun(impl: Implementation, engine: ReferenceEngine, sample: InvarianceSample) {
  return runCheck(
    {
      impl,
      engine,
      level: DEFAULT_LEVEL,
      scope: {
        losses: ['softmax_cross_entropy', 'linear_cross_entropy'],
        dtypes: ['float64', 'float32', 'float16'],
        profiles: ['onnx'],
      },
      families: ['invariance'],
      ...sample,
    },
    VERSION,
  );
}

/** Per runtime, its checks invariant out of those run; then each check that was not, with its counterexample's message. */
export function invarianceTable(reports: readonly CheckReport[]): string[] {
  const summary = reports.map((r) => {
    const ran = r.results.filter((x) => x.status === 'pass' || x.status === 'fail');
    const invariant = ran.filter((x) => x.status === 'pass').length;
    return `- \`${r.implementation}\`: ${invariant} of ${ran.length} checks invariant.`;
  });
  const failing = reports.flatMap((r) =>
    r.results
      .filter((x) => x.status === 'fail')
      .map((x) => `| \`${r.implementation}\` | \`${x.check}\` | ${cell(x.message ?? '')} |`),
  );
  if (failing.length === 0) return summary;
  return [...summary, '', '| runtime | check | what differed |', '|---|---|---|', ...failing];
}
