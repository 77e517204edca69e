import { describe, expect, it } from 'vitest';
import { MIN_GRID_POINTS, sweepGrid } from '../../src/stability/grid.js';

describe('sweepGrid (spec/stability.md#STAB-2)', () => {
  it('should put K points to a decade, ends included, evenly in log x', () => {
    const grid = sweepGrid([1, 1e6], 3, false);
    expect(grid).toHaveLength(3 * 6 + 1);
    expect(grid[0]).toBe(1);
    expect(grid.at(-1)).toBe(1e6);
    const steps = grid.slice(1).map((x, i) => Math.log10(x / grid[i]!));
    for (const step of steps) expect(step).toBeCloseTo(1 / 3, 12);
  });

  it('should never have fewer than the minimum, and reach float64 from its smallest subnormal to its largest value', () => {
    expect(sweepGrid([1e-3, 1], 0.1, false)).toHaveLength(MIN_GRID_POINTS);
    const wide = sweepGrid([Number.MIN_VALUE, Number.MAX_VALUE], 1, false);
    expect(wide[0]).toBe(Number.MIN_VALUE);
    expect(wide.at(-1)).toBe(Number.MAX_VALUE);
    expect(wide.every((x, i) => i === 0 || x > wide[i - 1]!)).toBe(true);
    expect(wide.every(Number.isFinite)).toBe(true);
  });

  it('should round an integer sweep and drop repeats', () => {
    const grid = sweepGrid([2, 131072], 3, true);
    expect(grid.every(Number.isInteger)).toBe(true);
    expect(new Set(grid).size).toBe(grid.length);
    expect([grid[0], grid.at(-1)]).toEqual([2, 131072]);
    expect(sweepGrid([2, 4], 30, true)).toEqual([2, 3, 4]);
  });
});
