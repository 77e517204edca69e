/**
 * A histogram as a vega-lite specification: counts per integer bin, bars side by side per group
 * (coloured), on a log count axis so that a handful of bad values shows beside thousands of good
 * ones. The check report draws one per loss × dtype: values by bits of error (REP-4).
 */
import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from './style.js';

export interface HistogramBar {
  readonly bin: number;
  readonly count: number;
  /** The colour legend's entry. */
  readonly group: string;
}

export interface HistogramOptions {
  readonly title: string;
  readonly subtitle?: string;
  /** Bins 0..bins − 1, every one on the axis whether counted or not. */
  readonly bins: number;
  readonly xTitle: string | readonly string[];
  readonly yTitle: string;
  readonly bars: readonly HistogramBar[];
  /** Every group's colour, in legend order. */
  readonly colors: readonly (readonly [group: string, color: string])[];
  readonly width?: number;
  readonly height?: number;
}

/** A label on every eighth bin (and the last): 65 labels on 240 pixels would overlap. */
const sparseLabels = (last: number) => `datum.value % 8 === 0 || datum.value === ${last} ? datum.value : ''`;

export function histogram(o: HistogramOptions): TopLevelSpec {
  const domain = Array.from({ length: o.bins }, (_, i) => i);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    title: { text: o.title, ...(o.subtitle ? { subtitle: o.subtitle } : {}) },
    width: o.width ?? 220,
    height: o.height ?? 110,
    data: { values: o.bars.filter((b) => b.count > 0).map((b) => ({ ...b })) },
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: 'bin',
        type: 'ordinal',
        scale: { domain, paddingInner: 0.1 },
        axis: {
          title: typeof o.xTitle === 'string' ? o.xTitle : [...o.xTitle],
          labelAngle: 0,
          labelExpr: sparseLabels(o.bins - 1),
        },
      },
      xOffset: { field: 'group', type: 'nominal', scale: { domain: o.colors.map(([g]) => g) } },
      y: {
        field: 'count',
        type: 'quantitative',
        scale: { type: 'symlog' },
        axis: { title: o.yTitle, grid: true },
      },
      color: {
        field: 'group',
        type: 'nominal',
        scale: { domain: o.colors.map(([g]) => g), range: o.colors.map(([, c]) => c) },
        legend: { title: null, orient: 'top' },
      },
    },
  } as TopLevelSpec;
}
