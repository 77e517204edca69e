/**
 * A line chart as a vega-lite specification: series of (x, y) points, coloured by name and
 * dashed by style, with vertical markers (a rule and a symbol in a series' colour) and labelled
 * horizontal rules. The stability report draws one per sweep (spec/formats.md#REP-6); it is
 * data in, specification out, so that later reports reuse it with their own data.
 */
import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, numberLabels } from './style.js';

export interface LinePoint {
  readonly x: number;
  readonly y: number;
}

export interface LineSeries {
  /** The colour legend's entry. */
  readonly name: string;
  /** The dash legend's entry (e.g. `max`, `mean`); one style when absent. */
  readonly style?: string;
  readonly points: readonly LinePoint[];
}

/**
 * A vertical rule at `x` in a series' colour, with a symbol at the top (the symbol legend's
 * entry) and, when given, a label beside the symbol.
 */
export interface VerticalMarker {
  readonly x: number;
  readonly series: string;
  readonly kind: string;
  readonly label?: string;
}

export interface HorizontalRule {
  readonly y: number;
  readonly label: string;
}

export interface Axis {
  /** A string, or lines. */
  readonly title: string | readonly string[];
  readonly log?: boolean;
  readonly domain?: readonly [number, number];
}

export interface LineChartOptions {
  readonly title: string;
  readonly subtitle?: string;
  readonly x: Axis;
  readonly y: Axis;
  readonly series: readonly LineSeries[];
  /** The colour of every series name, in legend order, so that charts side by side agree. */
  readonly colors: readonly (readonly [name: string, color: string])[];
  /** Every style in legend order, with its dash pattern (`[]` for solid). */
  readonly styles?: readonly (readonly [style: string, dash: readonly number[]])[];
  /** Every marker kind in legend order, with its vega symbol shape. */
  readonly markerKinds?: readonly (readonly [kind: string, shape: string])[];
  readonly markers?: readonly VerticalMarker[];
  readonly rules?: readonly HorizontalRule[];
  /** A dot at every point of the lines (for sparse data; thousands of dots weigh megabytes). */
  readonly showPoints?: boolean;
  readonly width?: number;
  readonly height?: number;
}

const SOLID: readonly number[] = [];

function scale(axis: Axis): Record<string, unknown> {
  return { type: axis.log ? 'log' : 'linear', ...(axis.domain ? { domain: [...axis.domain], nice: false } : {}) };
}

function positional(field: 'x' | 'y', axis: Axis): Record<string, unknown> {
  const title = typeof axis.title === 'string' ? axis.title : [...axis.title];
  return {
    field,
    type: 'quantitative',
    scale: scale(axis),
    axis: { title, ...(axis.log ? { labelExpr: numberLabels('datum.value') } : {}), grid: true },
  };
}

/** The colour channel, the same in every layer so that vega-lite merges their legends. */
function colorChannel(o: LineChartOptions): Record<string, unknown> {
  return {
    field: 'series',
    type: 'nominal',
    scale: { domain: o.colors.map(([name]) => name), range: o.colors.map(([, color]) => color) },
    legend: { title: 'implementation', orient: 'right', symbolType: 'stroke', symbolSize: 320 },
  };
}

function lineLayer(o: LineChartOptions): Record<string, unknown> {
  const styles = o.styles ?? [['', SOLID]];
  const values = o.series.flatMap((s) =>
    s.points.map((p) => ({ x: p.x, y: p.y, series: s.name, style: s.style ?? styles[0]![0] })),
  );
  return {
    data: { values },
    mark: {
      type: 'line',
      ...(o.showPoints ? { point: { filled: true, size: 14 } } : {}),
      strokeWidth: 1.6,
      clip: true,
    },
    encoding: {
      x: positional('x', o.x),
      y: positional('y', o.y),
      color: colorChannel(o),
      strokeDash: {
        field: 'style',
        type: 'nominal',
        scale: { domain: styles.map(([style]) => style), range: styles.map(([, dash]) => [...dash]) },
        legend:
          styles.length > 1
            ? {
                title: 'bits over the point',
                orient: 'right',
                symbolType: 'stroke',
                symbolSize: 320,
                // vega-lite draws a dash legend's strokes in no colour unless told.
                encode: { symbols: { update: { stroke: { value: '#444' } } } },
              }
            : null,
      },
      detail: [{ field: 'series' }, { field: 'style' }],
      order: { field: 'x', type: 'quantitative' },
    },
  };
}

function ruleLayers(o: LineChartOptions): Record<string, unknown>[] {
  if (!o.rules?.length) return [];
  const data = { values: o.rules.map((r) => ({ y: r.y, label: r.label })) };
  const y = { field: 'y', type: 'quantitative' };
  return [
    { data, mark: { type: 'rule', color: '#777', strokeDash: [4, 3] }, encoding: { y } },
    {
      data,
      mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -2, color: '#555', fontSize: 10 },
      encoding: { y, x: { value: 0 }, text: { field: 'label' } },
    },
  ];
}

/** Whether `x` lies in the last fifth of the axis: its label goes to the left of its marker. */
function nearRightEdge(axis: Axis, x: number): boolean {
  if (!axis.domain) return false;
  const at = axis.log ? Math.log : (v: number) => v;
  const [lo, hi] = axis.domain.map(at) as [number, number];
  return (at(x) - lo) / (hi - lo) > 0.8;
}

/** The shape channel of the markers: one legend entry per kind. */
function shapeChannel(kinds: readonly (readonly [string, string])[]): Record<string, unknown> {
  return {
    field: 'kind',
    type: 'nominal',
    scale: { domain: kinds.map(([kind]) => kind), range: kinds.map(([, shape]) => shape) },
    legend: { title: 'threshold', orient: 'right', symbolFillColor: '#444', symbolStrokeColor: '#444' },
  };
}

/**
 * Markers: a dashed rule across the plot, and at its top a symbol and the label. Each kind has
 * its own row at the top (the second 13 px lower), so that two thresholds close together stay
 * legible.
 */
function markerLayers(o: LineChartOptions): Record<string, unknown>[] {
  if (!o.markers?.length) return [];
  const kinds = o.markerKinds ?? [];
  const values = o.markers.map((m) => ({ x: m.x, series: m.series, kind: m.kind, label: m.label ?? '' }));
  const x = { field: 'x', type: 'quantitative' };
  const rows = kinds.flatMap(([kind], row) => {
    const data = { values: values.filter((v) => v.kind === kind) };
    if (data.values.length === 0) return [];
    const y = 13 * row;
    const label = (align: 'left' | 'right') => ({
      data: { values: data.values.filter((v) => (align === 'right') === nearRightEdge(o.x, v.x)) },
      mark: {
        type: 'text',
        y,
        dx: align === 'left' ? 7 : -7,
        dy: -3,
        align,
        baseline: 'middle',
        fontSize: 10,
        fontWeight: 600,
      },
      encoding: { x, color: colorChannel(o), text: { field: 'label' } },
    });
    return [
      {
        data,
        mark: { type: 'point', filled: true, size: 70, y, yOffset: -2, opacity: 1 },
        encoding: { x, color: colorChannel(o), shape: shapeChannel(kinds) },
      },
      ...[label('left'), label('right')].filter((layer) => layer.data.values.length > 0),
    ];
  });
  return [
    {
      data: { values },
      mark: { type: 'rule', strokeDash: [2, 2], strokeWidth: 1.2, opacity: 0.8 },
      encoding: { x, color: colorChannel(o) },
    },
    ...rows,
  ];
}

/**
 * The vega-lite specification of a line chart. vega-lite exports no types for single layers, so
 * they are plain objects here; its compiler checks the whole when the chart is drawn.
 */
export function lineChart(o: LineChartOptions): TopLevelSpec {
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: o.title, ...(o.subtitle ? { subtitle: o.subtitle } : {}), anchor: 'start' },
    width: o.width ?? 360,
    height: o.height ?? 220,
    config: CHART_CONFIG,
    layer: [lineLayer(o), ...ruleLayers(o), ...markerLayers(o)],
    resolve: { scale: { color: 'shared' } },
  };
  return spec as unknown as TopLevelSpec;
}
