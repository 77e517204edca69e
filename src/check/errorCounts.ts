/**
 * The distribution of errors a run measured (spec/formats.md#REP-1 `errors`): every value of every
 * case judged against the reference, counted by its bits of error (TOL-2) rounded up, per loss,
 * dtype and output — what the report's histograms draw.
 */
import { DTYPES, LOSSES, OUTPUTS, type OutputName } from '../case/types.js';
import type { ValidCase } from '../case/validate.js';
import { FORMATS } from '../numeric/dtype.js';
import type { ErrorCount } from '../report/types.js';

/**
 * The bin of a value `ulps` from the correctly rounded one: ⌈log2(1 + ulps)⌉, its bits of error
 * rounded up (0 for a correctly rounded value; bin k holds 2^(k−1) to 2^k − 1 ULPs), at most the
 * dtype's width (a NaN against a number).
 */
export function errorBin(ulps: number, width: number): number {
  if (ulps === 0) return 0;
  return Math.min(width, Math.floor(Math.log2(ulps)) + 1);
}

const rank = (list: readonly string[], item: string) => list.indexOf(item);

export class ErrorCounts {
  private readonly entries = new Map<string, { loss: string; dtype: string; output: OutputName; counts: number[] }>();

  /** The values of one case compared with the reference: output, and ULPs from RN(y) (TOL-1). */
  record(c: ValidCase, values: readonly { readonly output: OutputName; readonly ulps: number }[]): void {
    const width = FORMATS[c.dtype].width;
    for (const v of values) {
      const key = `${c.loss}/${c.dtype}/${v.output}`;
      const entry = this.entries.get(key) ?? { loss: c.loss, dtype: c.dtype, output: v.output, counts: [] };
      const bin = errorBin(v.ulps, width);
      while (entry.counts.length <= bin) entry.counts.push(0);
      entry.counts[bin]!++;
      this.entries.set(key, entry);
    }
  }

  /** Another count's entries (a task's, merged in the run's order of tasks). */
  add(counts: readonly ErrorCount[]): void {
    for (const { loss, dtype, output, counts: bins } of counts) {
      const key = `${loss}/${dtype}/${output}`;
      const entry = this.entries.get(key) ?? { loss, dtype, output: output as OutputName, counts: [] };
      bins.forEach((n, bin) => (entry.counts[bin] = (entry.counts[bin] ?? 0) + n));
      this.entries.set(key, entry);
    }
  }

  /** The counts in FMT-1's order of losses, dtypes and outputs. */
  list(): ErrorCount[] {
    return [...this.entries.values()].sort(
      (a, b) =>
        rank(LOSSES, a.loss) - rank(LOSSES, b.loss) ||
        rank(DTYPES, a.dtype) - rank(DTYPES, b.dtype) ||
        rank(OUTPUTS, a.output) - rank(OUTPUTS, b.output),
    );
  }
}
