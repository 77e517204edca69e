/**
 * A sweep's chart for one loss and dtype (spec/formats.md#REP-6): bits of error against the
 * swept value on a log axis, one colour per implementation (max solid, mean dashed), a marker
 * at each located threshold, and a rule where half the dtype's bits are lost.
 */
import type { Dtype, LossName } from '../case/types.js';
import { FORMATS } from '../numeric/dtype.js';
import type { LineChartOptions, LineSeries, VerticalMarker } from '../plot/lineChart.js';
import { colorsFor } from '../plot/style.js';
import { sweepNamed } from './sweeps/index.js';
import { threeDigits } from './text.js';
import type { StabilityReport, StabilitySeries, SweepName } from './types.js';

/** Series with at most this many points show a dot at each. */
const SPARSE_SERIES = 80;

export const NON_FINITE_MARKER = 'non-finite';
export const HALF_BITS_MARKER = 'half the bits lost';

/** The y axis: what bits of error are, said where the reader looks (lines short enough for its height). */
export const BITS_AXIS_TITLE = ['bits of error: log₂(1 + ULPs', 'from the correctly rounded loss)'];

function lines(series: readonly StabilitySeries[]): LineSeries[] {
  return series.flatMap((s) => [
    { name: s.implementation, style: 'max', points: s.points.map((p) => ({ x: p.x, y: p.maxBits })) },
    { name: s.implementation, style: 'mean', points: s.points.map((p) => ({ x: p.x, y: p.meanBits })) },
  ]);
}

function markers(series: readonly StabilitySeries[]): VerticalMarker[] {
  const at = (x: number | null, s: StabilitySeries, kind: string): VerticalMarker[] =>
    x === null ? [] : [{ x, series: s.implementation, kind, label: threeDigits(x) }];
  return series.flatMap((s) => [
    ...at(s.firstNonFinite, s, NON_FINITE_MARKER),
    ...at(s.firstHalfBitsLost, s, HALF_BITS_MARKER),
  ]);
}

/** The chart of one sweep × loss × dtype of the report. */
export function sweepChart(report: StabilityReport, loss: LossName, sweep: SweepName, dtype: Dtype): LineChartOptions {
  const implementations = [...new Set(report.series.map((s) => s.implementation))];
  const series = report.series.filter((s) => s.loss === loss && s.sweep === sweep && s.dtype === dtype && !s.skipped);
  const definition = sweepNamed(sweep);
  const width = FORMATS[dtype].width;
  return {
    title: dtype,
    x: { title: definition.axis, log: true, domain: definition.range(dtype) },
    y: { title: BITS_AXIS_TITLE, domain: [0, width] },
    series: lines(series),
    colors: colorsFor(implementations),
    styles: [
      ['max', []],
      ['mean', [5, 3]],
    ],
    markerKinds: [
      [NON_FINITE_MARKER, 'triangle-down'],
      [HALF_BITS_MARKER, 'diamond'],
    ],
    markers: markers(series),
    rules: [{ y: width / 2, label: 'half the bits' }],
    showPoints: Math.max(0, ...series.map((s) => s.points.length)) <= SPARSE_SERIES,
    // Tall enough for the two-line bits axis title, which vega centres on the axis.
    width: 340,
    height: 260,
  };
}
