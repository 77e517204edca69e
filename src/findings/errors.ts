/**
 * A peer's error distribution against the certified reference (spec/findings/): a seeded sample
 * of valid cases through an implementation, every output value it gives measured in ULPs of the
 * case's dtype (TOL-1, TOL-2) and judged under a level (TOL-LEVEL): the one the document's runs
 * judge at. A case whose reference is undetermined (REF-7.4) is left out and counted, as `check`
 * leaves it out.
 */
import fc from 'fast-check';
import { lossCase } from '../../properties/arbitraries/lossCase.js';
import type { CaseJson } from '../../properties/families/family.js';
import type { Implementation } from '../adapters/types.js';
import { runDecodedCase } from '../adapters/runCase.js';
import { decodeCase } from '../case/decode.js';
import type { Dtype, LossName, ProfileName } from '../case/types.js';
import { validateCase, type ValidCase } from '../case/validate.js';
import { bitsOfError } from '../numeric/ulp.js';
import type { ReferenceEngine } from '../reference/arithmetic.js';
import { evaluateReference } from '../reference/reference.js';
import { UndeterminedError } from '../reference/ziv.js';
import { compareCase } from '../verdict/compare.js';
import type { LevelName } from '../verdict/levels.js';

export interface ErrorStats {
  readonly cases: number;
  /** Cases the implementation rejected or declined, not measured. */
  readonly rejected: number;
  /** Cases whose reference is undetermined (REF-7.4), not measured. */
  readonly undetermined: number;
  readonly values: number;
  readonly meanBits: number;
  readonly maxBits: number;
  /** Fractions of the values: at 0 ULP (correctly rounded), and within the level. */
  readonly correctlyRounded: number;
  readonly withinLevel: number;
}

/** The certified values, or undefined where the reference is undetermined (REF-7.4). */
function certified(c: ValidCase, engine: ReferenceEngine): ReturnType<typeof evaluateReference>['values'] | undefined {
  try {
    return evaluateReference(c, engine).values;
  } catch (e) {
    if (e instanceof UndeterminedError) return undefined;
    throw e;
  }
}

/** Every value of `impl`'s answers to `jsons` against the reference. */
export async function measureErrors(
  impl: Implementation,
  jsons: readonly CaseJson[],
  engine: ReferenceEngine,
  level: LevelName,
): Promise<ErrorStats> {
  let [rejected, undetermined, within] = [0, 0, 0];
  const bits: number[] = [];
  for (const json of jsons) {
    const c = validateCase(decodeCase(json));
    const expected = certified(c, engine);
    if (!expected) {
      undetermined++;
      continue;
    }
    const result = await runDecodedCase(impl, c);
    if (!('loss' in result)) {
      rejected++;
      continue;
    }
    const comparison = compareCase(c, result, expected, level);
    for (const v of comparison.values) bits.push(bitsOfError(v.ulps));
    within += comparison.values.filter((v) => v.pass).length;
  }
  const n = bits.length;
  return {
    cases: jsons.length,
    rejected,
    undetermined,
    values: n,
    meanBits: n ? bits.reduce((a, b) => a + b, 0) / n : 0,
    maxBits: bits.reduce((a, b) => Math.max(a, b), 0),
    correctlyRounded: n ? bits.filter((b) => b === 0).length / n : 0,
    withinLevel: n ? within / n : 0,
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
  /** The level the values are judged at (TOL-LEVEL). */
  readonly level: LevelName;
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
      rows.push({ loss, dtype, ...(await measureErrors(impl, jsons, engine, s.level)) });
    }
  }
  return rows;
}

const percent = (f: number): string => `${(100 * f).toFixed(1)}%`;

/** The rows as a Markdown table, judged at `level`; a cell whose cases were all declined says so; then the cases left out. */
export function errorTable(rows: readonly ErrorRow[], level: LevelName): string[] {
  const leftOut = rows.filter((r) => r.undetermined > 0).map((r) => `${r.loss} ${r.dtype}: ${r.undetermined}`);
  return [
    `| loss | dtype | cases | values | mean bits | max bits | correctly rounded | within \`${level}\` | not answered |`,
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) =>
      r.values === 0
        ? `| ${r.loss} | ${r.dtype} | ${r.cases} | 0 | — | — | — | — | ${r.rejected} |`
        : `| ${r.loss} | ${r.dtype} | ${r.cases} | ${r.values} | ${r.meanBits.toFixed(2)} | ${r.maxBits.toFixed(2)} | ${percent(r.correctlyRounded)} | ${percent(r.withinLevel)} | ${r.rejected} |`,
    ),
    ...(leftOut.length ? ['', `Cases left out, the reference undetermined (REF-7.4): ${leftOut.join('; ')}.`] : []),
  ];
}
