/**
 * TOL-RUN and TOL-MAG for a softmax row (spec/tolerance.md): log-softmax, softmax, `lse`, the
 * soft-cap's values and slope, and linear CE's logits, each with its value, the magnitude of
 * its terms and the running-error bound of the textbook fused algorithm.
 */
import type { Arith } from '../losses/arith.js';
import type { LinearKernel, SoftmaxKernel } from '../losses/kernels.js';
import { shiftRow } from '../numeric/shiftedRow.js';
import { softcap, tanhSlope } from '../numeric/tanh.js';
import type { Analyzed } from './analysis.js';

/** A logit as the row kernels see it: its value, its rounding error `e` and the magnitude `m` of its own terms. */
interface Logit {
  readonly v: number;
  readonly e: number;
  readonly m: number;
}

/** A row of logits (Logit), one array per field: a row of 262144 classes makes no object per class. */
interface LogitRow {
  readonly v: Float64Array;
  readonly e: Float64Array;
  readonly m: Float64Array;
}

export interface AnalyzedRow {
  /** lp_c alone: a loss of one class needs no other (built per call). */
  readonly lpAt: (c: number) => Analyzed;
  /** Every lp_c and p_c, built on first use. */
  readonly lp: Analyzed[];
  readonly p: Analyzed[];
  readonly lse: Analyzed;
  /** CAP-2's slope, on capped rows. */
  readonly slope?: Analyzed[] | undefined;
}

/**
 * CAP-1 as a kernel computes it, `c·tanh(x/c)`: `x/c` and `c·t` round once each, tanh is
 * faithful (two units), and an incoming error passes through the slope `1 − t²`. Its slope
 * `1 − t²` in the textbook form cancels for large |x/c|: one unit of absolute error at least.
 */
function capped(x: Logit, cap: number): { value: Logit; slope: Analyzed } {
  const y = x.v / cap;
  const t = Math.tanh(y);
  // The slope's own value and magnitude, without the textbook form's cancellation (which
  // gives 0 once t rounds to 1): its error stays the textbook's, below.
  const slope = tanhSlope(y);
  const tError = 2 * Math.abs(t) + slope * (Math.abs(y) + x.e / cap);
  const v = softcap(x.v, cap, y);
  const value = { v, e: Math.abs(v) + cap * tError, m: Math.abs(v) + slope * x.m };
  return { value, slope: { v: slope, m: slope, e: 2 * Math.abs(t) * tError + t * t + slope, z: 2 } };
}

/** Σ_j p_j·|d_j|, Σ_j p_j·e(x_j) and Σ_j p_j·m(x_j) over the classes with p_j > 0, left to right. */
function weightedSums(p: Float64Array, hi: Float64Array, x: LogitRow): [number, number, number] {
  let [spread, carried, magnitudes] = [0, 0, 0];
  for (let j = 0; j < p.length; j++) {
    const pj = p[j]!;
    if (!(pj > 0)) continue;
    spread += pj * Math.abs(hi[j]!);
    carried += pj * x.e[j]!;
    magnitudes += pj * x.m[j]!;
  }
  return [spread, carried, magnitudes];
}

/** The value of `make()`, computed on the first call only. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/**
 * The row quantities of TOL-RUN: `lp_c` errs by `2·|lp_c| + n + Σ_j p_j·|d_j|` (the shifted
 * differences, the exponentials and their sum, log, the subtraction) plus what the logits carry
 * in (`e(x_c) + Σ_j p_j·e(x_j)`: lp is shift-invariant); `lse = m + log Σ` adds its own rounding.
 * TOL-MAG: logits held exactly contribute nothing beyond `|lp_c|`; formed or capped ones their
 * magnitudes `m(x_c) + Σ_j p_j·m(x_j)`. The `n` exponentials of accurate's row underflow by a
 * unit each, the division and log1p by one more (z).
 */
function analyzedRow(x: LogitRow, eta: number, slope?: Analyzed[]): AnalyzedRow {
  const n = x.v.length;
  const row = shiftRow(x.v);
  const denominator = 1 + row.s;
  const z = n + 2;
  const p = row.e.map((e) => e / denominator);
  const [spread, carried, magnitudes] = weightedSums(p, row.hi, x);
  const lpAt = (c: number): Analyzed => {
    const v = row.hi[c]! - row.log1pS + row.lo[c]!;
    return { v, m: Math.abs(v) + x.m[c]! + magnitudes, e: 2 * Math.abs(v) + n + spread + x.e[c]! + carried, z };
  };
  const max = x.v[row.argmax]!;
  const lseValue = max + row.log1pS;
  const lse = {
    v: lseValue,
    m: Math.abs(max) + row.log1pS + magnitudes,
    e: Math.abs(lseValue) + 2 * row.log1pS + n + spread + carried,
    z,
  };
  const lp = once(() => Array.from(p, (_, c) => lpAt(c)));
  // A masked class (p = 0 exactly, lp = −∞) carries no error into p; any other p = exp(lp)
  // may underflow in the dtype (η), an error its coefficients then scale.
  const probabilities = once(() =>
    Array.from(p, (v, c) => ({
      v,
      m: v * (1 + x.m[c]! + magnitudes),
      e: v > 0 ? v * (lp()[c]!.e + 1) + eta : 0,
      z,
    })),
  );
  return {
    lpAt,
    get lp() {
      return lp();
    },
    get p() {
      return probabilities();
    },
    lse,
    slope,
  };
}

/** A row of Logit objects as one array per field. */
function logitRow(logits: readonly Logit[]): LogitRow {
  return {
    v: Float64Array.from(logits, (l) => l.v),
    e: Float64Array.from(logits, (l) => l.e),
    m: Float64Array.from(logits, (l) => l.m),
  };
}

function rowOf(x: Float64Array | readonly Analyzed[], cap: number | undefined, eta: number): AnalyzedRow {
  if (cap === undefined)
    // Case logits are exact (e = 0) and their differences are held exactly (m = 0, TOL-MAG).
    return analyzedRow(
      x instanceof Float64Array ? { v: x, e: new Float64Array(x.length), m: new Float64Array(x.length) } : logitRow(x),
      eta,
    );
  const logits: readonly Logit[] = x instanceof Float64Array ? Array.from(x, (v) => ({ v, e: 0, m: 0 })) : x;
  const cappedRow = logits.map((l) => capped(l, cap));
  return analyzedRow(
    logitRow(cappedRow.map((l) => l.value)),
    eta,
    cappedRow.map((l) => l.slope),
  );
}

export function softmaxAnalysis(ar: Arith<Analyzed>, eta: number): SoftmaxKernel<Analyzed, AnalyzedRow> {
  return {
    row: (x, cap) => rowOf(x, cap, eta),
    logSoftmax: (row) => row.lp,
    lse: (row) => row.lse,
    loss: (row, coef) => {
      const term = (c: number, lp: Analyzed) => ar.neg(ar.mul(coef.a[c]!, lp));
      if (coef.only >= 0) return term(coef.only, row.lpAt(coef.only));
      return row.lp.reduce((total, lp, c) => ar.add(total, term(c, lp)), ar.of(0));
    },
    grad: ({ p }, coef) => {
      const mass = coef.zLse ? ar.add(coef.mass, ar.mul(ar.of(2), coef.zLse)) : coef.mass;
      return p.map((pc, c) => {
        const a = coef.only < 0 || coef.only === c ? coef.a[c]! : ar.of(0);
        const g = ar.sub(ar.mul(mass, pc), a);
        // TOL-ACC's magnitude of a gradient component: (|W| + |a_c|)·p_c + |a_c|.
        return { ...g, m: (mass.m + a.m) * pc.m + a.m };
      });
    },
    capSlope: (row) => row.slope!,
  };
}

/** LCE-2 accumulated left to right in the working precision (TOL-RUN's rules for + and ×). */
export function linearAnalysis(ar: Arith<Analyzed>): LinearKernel<Analyzed> {
  return {
    logit: (h, hAt, w, wAt, d, b) => {
      let acc = ar.of(0);
      for (let k = 0; k < d; k++) acc = ar.add(acc, ar.mul(ar.of(h[hAt + k]!), ar.of(w[wAt + k]!)));
      return ar.add(acc, ar.of(b));
    },
  };
}
