/**
 * A row of logits shifted by its maximum with error-free differences: the core of the accurate
 * softmax (spec/tolerance.md#TOL-ACC; numerics: Blanchard, Higham & Higham 2021, log1p variant).
 *
 * With m = max x, k = argmax (first on ties) and d_j = x_j − m held exactly as `hi + lo`,
 * `e_j ≈ exp(d_j)` (corrected to first order by `lo`), `e_k = 1`, and `s = Σ_{j≠k} e_j`
 * summed with compensation, `lse(x) = m + log1p(s)` with no rounding of `1 + s`.
 */
import { twoSum, type Expansion } from './eft.js';
import { exp } from './exp.js';

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

/** What a loss of one class needs: the argmax, s and log1p(s) (no per-class arrays). */
export interface RowSum {
  readonly argmax: number;
  readonly s: number;
  readonly log1pS: number;
}

/**
 * One pass over the row: s = Σ_{j≠argmax} e_j with compensation, writing d_j and e_j into `out`
 * when given. TwoSum and Neumaier's steps inline, so that the pass allocates nothing per class.
 */
function sumShifted(
  x: Float64Array,
  argmax: number,
  out?: { hi: Float64Array; lo: Float64Array; e: Float64Array },
): number {
  const m = x[argmax]!;
  let sum = 0;
  let compensation = 0;
  for (let j = 0; j < x.length; j++) {
    if (j === argmax) continue;
    const xj = x[j]!;
    let hi = xj - m; // TwoSum(x_j, −m): hi + lo = x_j − m exactly
    const mVirtual = hi - xj;
    let lo = xj - (hi - mVirtual) + (-m - mVirtual);
    if (!Number.isFinite(lo) && Number.isFinite(hi)) ({ hi, lo } = exactDifference(xj, m));
    if (out) out.hi[j] = hi;
    if (hi === -Infinity) continue; // exp is 0, and lo would be NaN
    const ex = exp(hi); // TOL-ACC.2: hi ≤ 0
    // exp(hi + lo) = exp(hi)·(1 + lo + O(lo²)); |lo| ≤ u·|hi| so the omitted term is below u².
    const ej = ex + ex * lo;
    if (out) {
      out.lo[j] = lo;
      out.e[j] = ej;
    }
    const t = sum + ej; // Neumaier's step (sum.ts)
    compensation += Math.abs(sum) >= Math.abs(ej) ? sum - t + ej : ej - t + sum;
    sum = t;
  }
  return Number.isFinite(sum) ? sum + compensation : sum;
}

/** s and log1p(s) of a row whose maximum is finite, in one pass (CE-2.2 rows excluded). */
export function sumRow(x: Float64Array): RowSum {
  const argmax = argmaxOf(x);
  const s = sumShifted(x, argmax);
  return { argmax, s, log1pS: Math.log1p(s) };
}

/** d_c = x_c − m exactly, as shiftRow holds it (0 at the argmax; lo 0 where hi is −∞). */
export function shiftedAt(x: Float64Array, argmax: number, c: number): Expansion {
  if (c === argmax) return { hi: 0, lo: 0 };
  const d = exactDifference(x[c]!, x[argmax]!);
  return d.hi === -Infinity ? { hi: d.hi, lo: 0 } : d;
}

/** Shift a row whose maximum is finite (CE-2.2 rows excluded). */
export function shiftRow(x: Float64Array): ShiftedRow {
  const argmax = argmaxOf(x);
  const n = x.length;
  const out = { hi: new Float64Array(n), lo: new Float64Array(n), e: new Float64Array(n) };
  out.e[argmax] = 1;
  const s = sumShifted(x, argmax, out);
  return { argmax, ...out, s, log1pS: Math.log1p(s) };
}
