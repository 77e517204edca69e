/**
 * Where a sweep is measured (spec/stability.md#STAB-2): values evenly spaced in log(x) from the
 * range's first to its last, both included, `perDecade` to a decade and never fewer than
 * `MIN_GRID_POINTS`; for an integer quantity each is rounded to the nearest integer and
 * repeats are dropped.
 */
export const MIN_GRID_POINTS = 8;

export function sweepGrid(range: readonly [number, number], perDecade: number, integer: boolean): number[] {
  const [lo, hi] = range;
  // In log2: float64's ranges reach 2^1024 and start at 2^-1074, where hi/lo is not a double.
  const [a, b] = [Math.log2(lo), Math.log2(hi)];
  const count = Math.max(MIN_GRID_POINTS, Math.ceil(perDecade * (b - a) * Math.log10(2)) + 1);
  const values = Array.from({ length: count }, (_, i) =>
    i === 0 ? lo : i === count - 1 ? hi : 2 ** (a + ((b - a) * i) / (count - 1)),
  );
  return integer ? [...new Set(values.map(Math.round))] : values;
}
