/**
 * The histograms of the HTML report (spec/formats.md#REP-4): per loss × dtype, the values judged
 * against the reference by bits of error (REP-1 `errors`), one colour per output, drawn as SVG
 * through src/plot.
 */
import { OUTPUTS } from '../case/types.js';
import { FORMATS } from '../numeric/dtype.js';
import { histogram } from '../plot/histogram.js';
import { renderSvg } from '../plot/render.js';
import { colorsFor } from '../plot/style.js';
import type { CheckReport, ErrorCount } from './types.js';

const COLORS = colorsFor(OUTPUTS);

async function chart(loss: string, dtype: string, counts: readonly ErrorCount[]): Promise<string> {
  const width = FORMATS[dtype as keyof typeof FORMATS].width;
  const bars = counts.flatMap((c) => c.counts.map((count, bin) => ({ bin, count, group: c.output })));
  const total = bars.reduce((n, b) => n + b.count, 0);
  const exact = bars.filter((b) => b.bin === 0).reduce((n, b) => n + b.count, 0);
  const spec = histogram({
    title: `${loss} · ${dtype}`,
    subtitle: `${total} values, ${exact} correctly rounded`,
    bins: width + 1,
    xTitle: 'bits of error (⌈log2(1 + ULPs)⌉; 0 is correctly rounded)',
    yTitle: 'values',
    bars,
    colors: COLORS.filter(([o]) => counts.some((c) => c.output === o)),
  });
  return `<figure>${await renderSvg(spec)}</figure>`;
}

/** Every loss × dtype judged, as a histogram, in the report's order. */
export async function errorHistograms(report: CheckReport): Promise<string> {
  if (report.errors.length === 0) return '';
  const keys = [...new Set(report.errors.map((e) => `${e.loss}/${e.dtype}`))];
  const figures = await Promise.all(
    keys.map((key) => {
      const [loss, dtype] = key.split('/') as [string, string];
      return chart(
        loss,
        dtype,
        report.errors.filter((e) => e.loss === loss && e.dtype === dtype),
      );
    }),
  );
  const intro = `<p>Every value of every generated case judged against the certified reference, by its bits of error: bin k holds the values 2<sup>k−1</sup> to 2<sup>k</sup> − 1 ULPs from the correctly rounded result (TOL-1, TOL-2); the last bin, the dtype's width, holds values with every bit wrong (NaN or ±∞ where the exact value is finite). The count axis is logarithmic (symlog: 0 at the baseline).</p>`;
  return `<h2 id="errors">Bits of error</h2>${intro}<div class="charts">${figures.join('\n')}</div>`;
}
