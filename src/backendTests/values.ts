/**
 * Value-level measures of `onnx-cases`: the worst value against the stored outputs under TOL-FW
 * (spec/tolerance.md#TOL-LEVEL.6), and ULPs and bits against the certified reference (TOL-1,
 * TOL-2), always in the case's dtype (TOL-LEVEL.1).
 */
import type { Dtype, LossValues, OutputName } from '../case/types.js';
import { roundTo } from '../numeric/dtype.js';
import { bitsOfError, ulpDistance } from '../numeric/ulp.js';
import type { ValueComparison } from '../verdict/compare.js';
import { FRAMEWORK_TOLERANCE, frameworkClose } from '../verdict/tolerances.js';

/** One value of one data set against the stored output. */
export interface StoredValue {
  readonly dataSet: string;
  readonly output: OutputName;
  readonly index: number;
  readonly actual: number;
  readonly stored: number;
  readonly pass: boolean;
  readonly ulps: number;
}

/** TOL-2's summary of a set of ULP distances. */
export interface UlpSummary {
  readonly values: number;
  readonly maxUlps: number;
  readonly maxBits: number;
  readonly meanBits: number;
  /** The fraction of values at 0 ULP: correctly rounded (DT-3). */
  readonly correctlyRounded: number;
}

const OUTPUTS: readonly OutputName[] = ['loss', 'logProb'];

/** `a` is worse than `b`: failing before passing, then more ULPs. */
export const worse = (a: StoredValue, b: StoredValue): boolean => (a.pass !== b.pass ? !a.pass : a.ulps > b.ulps);

/** `loss[0] = 0.25 where test_x/test_data_set_0 stores 0.5: beyond TOL-FW float32 (rtol 1.3e-6, atol 1e-5)`. */
export function describeFailure(name: string, v: StoredValue, dtype: Dtype): string {
  const { rtol, atol } = FRAMEWORK_TOLERANCE[dtype];
  return `${v.output}[${v.index}] = ${v.actual} where ${name}/${v.dataSet} stores ${v.stored}: beyond TOL-FW ${dtype} (rtol ${rtol}, atol ${atol})`;
}

/** compareCase's worst value (it sorts failing, then largest ULPs, first) as a StoredValue. */
export function fromComparison(dataSet: string, v: ValueComparison): StoredValue {
  return {
    dataSet,
    output: v.output,
    index: v.index,
    actual: v.actual,
    stored: v.expected,
    pass: v.pass,
    ulps: v.ulps,
  };
}

/** Every value of `actual` against `stored` under TOL-FW, worst first: for models run as they are. */
export function frameworkValues(
  dataSet: string,
  actual: LossValues,
  stored: LossValues,
  dtype: Dtype,
): StoredValue[] | string {
  const round = roundTo(dtype);
  const values: StoredValue[] = [];
  for (const output of OUTPUTS) {
    const want = stored[output];
    if (!want) continue;
    const got = actual[output];
    if (!got || got.length !== want.length)
      return `${output}: the model gives ${got?.length ?? 0} values, ${want.length} are stored`;
    want.forEach((s, index) => {
      const a = round(got[index]!);
      values.push({
        dataSet,
        output,
        index,
        actual: a,
        stored: s,
        pass: frameworkClose(a, s, dtype),
        ulps: ulpDistance(a, s, dtype),
      });
    });
  }
  return values.sort((a, b) => Number(a.pass) - Number(b.pass) || b.ulps - a.ulps);
}

/** The ULP distances of the outputs `reference` has, `actual` rounded into the dtype first. */
export function ulpDistances(actual: LossValues, reference: LossValues, dtype: Dtype): number[] {
  const round = roundTo(dtype);
  return OUTPUTS.flatMap((output) => {
    const want = reference[output];
    const got = actual[output];
    if (!want || !got) return [];
    return Array.from(want, (r, i) => ulpDistance(round(got[i]!), r, dtype));
  });
}

export function summarize(ulps: readonly number[]): UlpSummary | undefined {
  if (ulps.length === 0) return undefined;
  const bits = ulps.map(bitsOfError);
  return {
    values: ulps.length,
    maxUlps: ulps.reduce((a, b) => Math.max(a, b), 0),
    maxBits: bits.reduce((a, b) => Math.max(a, b), 0),
    meanBits: bits.reduce((a, b) => a + b, 0) / bits.length,
    correctlyRounded: ulps.filter((u) => u === 0).length / ulps.length,
  };
}

/** Summaries merged, each weighted by its number of values. */
export function combine(summaries: readonly UlpSummary[]): UlpSummary | undefined {
  const values = summaries.reduce((n, s) => n + s.values, 0);
  if (values === 0) return undefined;
  const weighted = (f: (s: UlpSummary) => number) => summaries.reduce((acc, s) => acc + f(s) * s.values, 0) / values;
  return {
    values,
    maxUlps: summaries.reduce((m, s) => Math.max(m, s.maxUlps), 0),
    maxBits: summaries.reduce((m, s) => Math.max(m, s.maxBits), 0),
    meanBits: weighted((s) => s.meanBits),
    correctlyRounded: weighted((s) => s.correctlyRounded),
  };
}
