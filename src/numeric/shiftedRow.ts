/**
 * A row of logits shifted by its maximum with error-free differences: the core of the accurate
 * softmax (spec/tolerance.md#TOL-ACC; numerics: Blanchard, Higham & Higham 2021, log1p variant).
 *
 * With m = max x, k = argmax (first on ties) and d_j = x_j − m held exactly as `hi + lo`,
 * `e_j ≈ exp(d_j)` (corrected to first order by `lo`), `e_k = 1`, and `s = Σ_{j≠k} e_j`
 * summed with compensation, `lse(x) = m + log1p(s)` with no rounding of `1 + s`.
 */
import { twoSum, type Expansion } from './eft.js';
import { NeumaierSum } from './sum.js';

export interface ShiftedRow {
  readonly argmax: number;
  /** d_j = hi_j + lo_j exactly (−∞ for a masked class or a difference beyond the doubles). */
  readonly hi: Float64Array;
  readonly lo: Float64Array;
  /** exp(d_j); 1 at the argmax. */
  readonly e: Float64Array;
  /** Σ_{j≠argmax} e_j. */
  readonly s: number;
  /** log1p(s) = lse(x) − m. */
  readonly log1pS: number;
}

/**
 * `x − m` as `hi + lo` exactly. TwoSum's own steps overflow when the difference is near the
 * largest double (a logit of 10^308 below a maximum of 1.8·10^308); halves do not, and doubling
 * them back is exact.
 */
function exactDifference(x: number, m: number): Expansion {
  const d = twoSum(x, -m);
  if (Number.isFinite(d.lo) || !Number.isFinite(d.hi)) return d;
  const half = twoSum(x / 2, -m / 2);
  return { hi: 2 * half.hi, lo: 2 * half.lo };
}

function argmaxOf(x: Float64Array): number {
  let k = 0;
  for (let j = 1; j < x.length; j++) if (x[j]! > x[k]!) k = j;
  return k;
}

/** Shift a row whose maximum is finite (CE-2.2 rows excluded). */
export function shiftRow(x: Float64Array): ShiftedRow {
  const argmax = argmaxOf(x);
  const m = x[argmax]!;
  const n = x.length;
  const hi = new Float64Array(n);
  const lo = new Float64Array(n);
  const e = new Float64Array(n);
  const s = new NeumaierSum();
  for (let j = 0; j < n; j++) {
    if (j === argmax) {
      e[j] = 1;
      continue;
    }
    const d = exactDifference(x[j]!, m);
    hi[j] = d.hi;
    if (d.hi === -Infinity) continue; // exp is 0, and lo would be NaN
    lo[j] = d.lo;
    const ex = Math.exp(d.hi);
    // exp(hi + lo) = exp(hi)·(1 + lo + O(lo²)); |lo| ≤ u·|hi| so the omitted term is below u².
    e[j] = ex + ex * d.lo;
    s.add(e[j]!);
  }
  const total = s.value();
  return { argmax, hi, lo, e, s: total, log1pS: Math.log1p(total) };
}
