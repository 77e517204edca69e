/**
 * A peer's error distribution against the certified reference (spec/findings/): a seeded sample
 * of valid cases through an implementation, every output value it gives measured in ULPs of the
 * case's dtype (TOL-1, TOL-2) and judged under the `stable` level (TOL-LEVEL).
 */
import fc from 'fast-check';
import { lossCase } from '../../properties/arbitraries/lossCase.js';
import type { CaseJson } from '../../properties/families/family.js';
import type { Implementation } from '../adapters/types.js';
import { runDecodedCase } from '../adapters/runCase.js';
import { decodeCase } from '../case/decode.js';
import type { Dtype, LossName, ProfileName } from '../case/types.js';
import { validateCase } from '../case/validate.js';
import { bitsOfError } from '../numeric/ulp.js';
import type { ReferenceEngine } from '../reference/arithmetic.js';
import { evaluateReference } from '../reference/reference.js';
import { compareCase } from '../verdict/compare.js';

export interface ErrorStats {
  readonly cases: number;
  /** Cases the implementation rejected or declined, not measured. */
  readonly rejected: number;
  readonly values: number;
  readonly meanBits: number;
  readonly maxBits: number;
  /** Fractions of the values: at 0 ULP (correctly rounded), and within the `stable` level. */
  readonly correctlyRounded: number;
  readonly stable: number;
}

/** Every value of `impl`'s answers to `jsons` against the reference. */
export async function measureErrors(
  impl: Implementation,
  jsons: readonly CaseJson[],
  engine: ReferenceEngine,
): Promise<ErrorStats> {
  let rejected = 0;
  let stable = 0;
  const bits: number[] = [];
  for (const json of jsons) {
    const c = validateCase(decodeCase(json));
    const result = await runDecodedCase(impl, c);
    if (!('loss' in result)) {
      rejected++;
      continue;
    }
    const comparison = compareCase(c, result, evaluateReference(c, engine).values, 'stable');
    for (const v of comparison.values) bits.push(bitsOfError(v.ulps));
    stable += comparison.values.filter((v) => v.pass).length;
  }
  const n = bits.length;
  return {
    cases: jsons.length,
    rejected,
    values: n,
    meanBits: n ? bits.reduce((a, b) => a + b, 0) / n : 0,
    maxBits: bits.reduce((a, b) => Math.max(a, b), 0),
    correctlyRounded: n ? bits.filter((b) => b === 0).length / n : 0,
    stable: n ? stable / n : 0,
  };
}

export interface ErrorRow extends ErrorStats {
  readonly loss: LossName;
  readonly dtype: Dtype;
}

export interface ErrorSample {
  readonly losses: readonly LossName[];
  readonly dtypes: readonly Dtype[];
  readonly profile: ProfileName;
  readonly seed: number;
  /** Cases per loss and dtype. */
  readonly perCell: number;
}

/** The agreement family's cases (loss and gradient) for each loss and dtype, through `impl`. */
export async function errorSample(impl: Implementation, engine: ReferenceEngine, s: ErrorSample): Promise<ErrorRow[]> {
  const rows: ErrorRow[] = [];
  for (const loss of s.losses) {
    for (const dtype of s.dtypes) {
      const jsons = fc.sample(lossCase({ loss, dtype, profile: s.profile }), { seed: s.seed, numRuns: s.perCell });
      rows.push({ loss, dtype, ...(await measureErrors(impl, jsons, engine)) });
    }
  }
  return rows;
}

const percent = (f: number): string => `${(100 * f).toFixed(1)}%`;

/** The rows as a Markdown table; a cell whose cases were all declined says so. */
export function errorTable(rows: readonly ErrorRow[]): string[] {
  return [
    '| loss | dtype | cases | values | mean bits | max bits | correctly rounded | within `stable` | not answered |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) =>
      r.values === 0
        ? `| ${r.loss} | ${r.dtype} | ${r.cases} | 0 | — | — | — | — | ${r.rejected} |`
        : `| ${r.loss} | ${r.dtype} | ${r.cases} | ${r.values} | ${r.meanBits.toFixed(2)} | ${r.maxBits.toFixed(2)} | ${percent(r.correctlyRounded)} | ${percent(r.stable)} | ${r.rejected} |`,
    ),
  ];
}
