/**
 * Locating a threshold (spec/stability.md#STAB-4): the first grid value, walking toward the
 * sweep's extreme, where a predicate of the measured point holds, refined by bisection between
 * it and the grid value before, to three significant digits.
 */

/** The bracket width at which bisection stops: one unit of the fourth significant digit of `x`. */
export function resolution(x: number): number {
  return 10 ** (Math.floor(Math.log10(Math.abs(x))) - 3);
}

export interface Bisection<P> {
  /** The first value where the predicate holds (it holds there), or null. */
  readonly threshold: number | null;
  /** Every point measured on the way, grid points excluded. */
  readonly measured: readonly P[];
}

export interface BisectionInput<P> {
  /** The grid values in walking order (toward the sweep's extreme), and the points measured there. */
  readonly grid: readonly number[];
  readonly points: readonly P[];
  readonly holds: (point: P) => boolean;
  readonly measure: (x: number) => Promise<P>;
  readonly integer: boolean;
}

/** Between two values: the geometric middle (log sweeps), or the integer halfway. */
function middle(a: number, b: number, integer: boolean): number {
  return integer ? Math.floor((a + b) / 2) : Math.sqrt(a) * Math.sqrt(b);
}

function narrowEnough(before: number, at: number, integer: boolean): boolean {
  const width = Math.abs(at - before);
  return integer ? width <= Math.max(1, resolution(at)) : width <= resolution(at);
}

/**
 * The first value, walking the grid, where `holds`; then bisection between it and the value
 * before, which keeps a value where it does not hold (`before`) and one where it does (`at`).
 */
export async function locate<P>(o: BisectionInput<P>): Promise<Bisection<P>> {
  const first = o.points.findIndex(o.holds);
  if (first < 0) return { threshold: null, measured: [] };
  if (first === 0) return { threshold: o.grid[0]!, measured: [] };
  let [before, at] = [o.grid[first - 1]!, o.grid[first]!];
  const measured: P[] = [];
  while (!narrowEnough(before, at, o.integer)) {
    const mid = middle(before, at, o.integer);
    if (mid === before || mid === at) break;
    const point = await o.measure(mid);
    measured.push(point);
    if (o.holds(point)) at = mid;
    else before = mid;
  }
  return { threshold: at, measured };
}
