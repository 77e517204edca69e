/**
 * What every chart shares: fonts and sizes that read at a glance, a palette that colour-blind
 * readers can tell apart, and number labels for logarithmic axes.
 */
import type { Config } from 'vega-lite';

/** Okabe and Ito's palette (2008), safe for the common colour-vision deficiencies. */
export const PALETTE: readonly string[] = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#F0E442',
];

/** A colour per name, in order, cycling through the palette. */
export function colorsFor(names: readonly string[]): [string, string][] {
  return names.map((name, i) => [name, PALETTE[i % PALETTE.length]!]);
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const CHART_CONFIG: Config = {
  font: FONT,
  background: 'white',
  padding: 8,
  title: { fontSize: 13, fontWeight: 600, subtitleFontSize: 11, subtitleColor: '#555', offset: 6 },
  axis: { labelFontSize: 10, titleFontSize: 11, titleFontWeight: 500, gridColor: '#eee', tickColor: '#999' },
  legend: { labelFontSize: 11, titleFontSize: 11, symbolStrokeWidth: 2, labelLimit: 0, rowPadding: 3 },
  view: { stroke: '#ccc' },
};

/**
 * A vega expression labelling a tick value: plain between 10⁻³ and 10⁵, else `1e38`-style
 * (vega's own `1e+38` reads worse).
 */
export function numberLabels(value: string): string {
  const plain = `format(${value}, '~g')`;
  const power = `replace(format(${value}, '.0e'), 'e+', 'e')`;
  return `abs(${value}) >= 1e-3 && abs(${value}) < 1e5 ? ${plain} : ${power}`;
}
