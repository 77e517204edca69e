import { describe, expect, it } from 'vitest';
import { lineChart, type LineChartOptions } from '../../src/plot/lineChart.js';
import { renderSvg } from '../../src/plot/render.js';
import { colorsFor, PALETTE } from '../../src/plot/style.js';

const options: LineChartOptions = {
  title: 'a chart',
  x: { title: 'swept', log: true, domain: [1, 1e6] },
  y: { title: ['bits of error', 'second line'], domain: [0, 32] },
  series: [
    { name: 'one', style: 'max', points: [1, 10, 100, 1e6].map((x) => ({ x, y: Math.log10(x) })) },
    { name: 'two', style: 'mean', points: [1, 1e3, 1e6].map((x) => ({ x, y: 3 })) },
  ],
  colors: colorsFor(['one', 'two']),
  styles: [
    ['max', []],
    ['mean', [5, 3]],
  ],
  markerKinds: [['non-finite', 'triangle-down']],
  markers: [{ x: 1000, series: 'two', kind: 'non-finite', label: '1e3' }],
  rules: [{ y: 16, label: 'half the bits' }],
};

type Layer = { data: { values: Record<string, unknown>[] }; mark: { type: string }; encoding: Record<string, unknown> };

describe('lineChart (spec/formats.md#REP-6)', () => {
  const spec = lineChart(options) as unknown as { layer: Layer[] };

  it('should colour every series as asked, in every layer, so that charts side by side agree', () => {
    expect(colorsFor(['a', 'b'])).toEqual([
      ['a', PALETTE[0]],
      ['b', PALETTE[1]],
    ]);
    const scales = spec.layer
      .map((l) => (l.encoding as { color?: { scale: unknown } }).color?.scale)
      .filter((s) => s !== undefined);
    expect(scales.length).toBeGreaterThan(1);
    for (const scale of scales) expect(scale).toEqual({ domain: ['one', 'two'], range: [PALETTE[0], PALETTE[1]] });
  });

  it('should draw the lines on a log x axis, a rule and its label, and a marker with its label', () => {
    const marks = spec.layer.map((l) => l.mark.type);
    expect(marks).toEqual(['line', 'rule', 'text', 'rule', 'point', 'text']);
    const line = spec.layer[0]!;
    expect(line.data.values).toHaveLength(7);
    expect((line.encoding as { x: { scale: { type: string } } }).x.scale.type).toBe('log');
    expect(spec.layer[5]!.data.values).toEqual([{ x: 1000, series: 'two', kind: 'non-finite', label: '1e3' }]);
    expect(spec.layer[5]!.encoding.text).toEqual({ field: 'label' });
  });
});

describe('renderSvg', () => {
  it('should draw a chart as one SVG element with its lines, titles and legend, and nothing to fetch', async () => {
    const svg = await renderSvg(lineChart(options));
    expect(svg.startsWith('<svg')).toBe(true);
    const lines = [...svg.matchAll(/class="mark-line role-mark[^"]*"[^>]*>(.*?)<\/g>/g)].map((m) => m[1]!);
    const paths = lines.flatMap((g) => [...g.matchAll(/<path[^>]* d="([^"]+)"/g)].map((m) => m[1]!));
    expect(paths.length).toBe(2);
    for (const d of paths) expect(d).toMatch(/^M[\d.,-]+L/);
    for (const text of [
      'a chart',
      'swept',
      'bits of error',
      'second line',
      'half the bits',
      'one',
      'two',
      'max',
      'mean',
    ])
      expect(svg).toContain(`>${text}<`);
    expect(svg).not.toMatch(/<image|<script|(?:href|src)="(?!#)/);
  });
});
