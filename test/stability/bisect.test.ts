import { describe, expect, it } from 'vitest';
import { locate, resolution } from '../../src/stability/bisect.js';
import { sweepGrid } from '../../src/stability/grid.js';

/** A step at `at`: measuring `x` gives whether x ≥ at, and counts the measurements. */
function step(at: number, up = true) {
  let measured = 0;
  const holds = (x: number) => (up ? x >= at : x <= at);
  return {
    measure: async (x: number) => {
      measured++;
      return { x, holds: holds(x) };
    },
    count: () => measured,
    holds,
  };
}

async function located(at: number, grid: number[], integer = false, up = true) {
  const s = step(at, up);
  const walk = up ? grid : [...grid].reverse();
  const points = walk.map((x) => ({ x, holds: s.holds(x) }));
  const result = await locate({ grid: walk, points, holds: (p) => p.holds, measure: s.measure, integer });
  return { ...result, count: s.count() };
}

describe('locate (spec/stability.md#STAB-4)', () => {
  it('should find a step between grid values to within one unit of its fourth significant digit', async () => {
    for (const at of [88.72283908187067, 0.0123456, 7.1e300]) {
      const { threshold, measured } = await located(at, sweepGrid([1e-3, 1e308], 0.5, false));
      expect(threshold).toBeGreaterThanOrEqual(at);
      expect(threshold! - at).toBeLessThanOrEqual(resolution(threshold!));
      expect(measured.length).toBeGreaterThan(0);
    }
  });

  it('should give the first value swept when the predicate holds there, and null when it never holds', async () => {
    const grid = sweepGrid([1, 100], 1, false);
    expect((await located(0.5, grid)).threshold).toBe(1);
    expect((await located(0.5, grid)).count).toBe(0);
    expect((await located(1000, grid)).threshold).toBeNull();
  });

  it('should walk down toward a sweep whose extreme is small', async () => {
    const at = 3.3e-9;
    const { threshold } = await located(at, sweepGrid([1e-30, 0.5], 1, false), false, false);
    expect(threshold).toBeLessThanOrEqual(at);
    expect(at - threshold!).toBeLessThanOrEqual(resolution(threshold!));
  });

  it('should find an integer step exactly when it is below a thousand', async () => {
    expect((await located(613, sweepGrid([2, 131072], 1, true), true)).threshold).toBe(613);
    const large = (await located(82822, sweepGrid([2, 131072], 1, true), true)).threshold!;
    expect(large - 82822).toBeLessThanOrEqual(resolution(large));
  });
});
