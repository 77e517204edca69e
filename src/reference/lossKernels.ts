/**
 * The reference's kernels: spec/losses.md's quantities as exact rationals where they are
 * rational and enclosures where they are not, at the working precision of one Ziv attempt
 * (spec/reference-engine.md#REF-10). Structure-preserving forms keep every exp argument at or
 * below 0 (REF-4) and avoid cancellation: `−lp_c = log1p(s) − (x_c − m)` with `s` excluding the
 * max term, softplus as `max(z, 0) + log1p(e^{−|z|})`.
 */
import type { Arith } from '../losses/arith.js';
import type { BinaryKernel, LossKernels, RowCoefficients, SoftmaxKernel } from '../losses/kernels.js';
import type { IntervalArithmetic } from './arithmetic.js';
import { signOfRational } from './exactRational.js';
import { extendedArith, type Extended, type ExtendedArith } from './extended.js';

/** A row shifted by its maximum: `d_c = x_c − m` exactly, `e_c = exp(d_c)`, `s`, `log1p(s)`. */
interface Shifted<T> {
  readonly d: T[];
  readonly e: T[];
  readonly s: T;
  readonly log1pS: T;
}

/**
 * `d_j = x_j − m` (REF-10.2): exactly 0 at the max, −∞ for a masked class (CE-2.1), elsewhere the
 * enclosure of a difference of two doubles, without BigInt work. It is an output itself
 * (`lp_c = d_c − log1p(s)`) exactly where `s = 0`, that is where every other class is masked:
 * then only the exact 0 and −∞ are left. Every other output is transcendental (REF-10.5).
 */
function shiftRow<I>(arith: IntervalArithmetic<I>, ext: ExtendedArith<I>, x: Float64Array): Shifted<Extended<I>> {
  let argmax = 0;
  for (let j = 1; j < x.length; j++) if (x[j]! > x[argmax]!) argmax = j;
  const max = x[argmax]!;
  const [zero, one, m] = [ext.of(0), ext.of(1), ext.of(max)];
  const mEnclosed = Number.isFinite(max) ? arith.fromDouble(max) : undefined;
  const d = Array.from(x, (v) =>
    v === max
      ? ext.sub(m, m)
      : mEnclosed !== undefined && Number.isFinite(v)
        ? ext.enclosed(arith.sub(arith.fromDouble(v), mEnclosed))
        : ext.sub(ext.of(v), m),
  );
  const e = d.map((dj, j) =>
    x[j] === -Infinity ? zero : x[j] === max ? one : ext.enclosed(arith.exp(ext.enclosure(dj))),
  );
  const s = e.reduce((acc, ej, j) => (j === argmax ? acc : ext.add(acc, ej)), zero);
  const log1pS = ext.isZero(s) ? zero : ext.enclosed(arith.log1p(ext.enclosure(s)));
  return { d, e, s, log1pS };
}

/** One row's shift, kept while the driver asks for the same row's loss, gradient and lp. */
function rowCache<T>(shift: (x: Float64Array) => Shifted<T>): (x: Float64Array) => Shifted<T> {
  let key: Float64Array | undefined;
  let value: Shifted<T> | undefined;
  return (x) => {
    if (!key || key.length !== x.length || key.some((v, j) => !Object.is(v, x[j]))) {
      key = Float64Array.from(x);
      value = shift(x);
    }
    return value!;
  };
}

/** Σ_{j≠c} v_j for every c, from prefix and suffix sums: no value subtracts itself. */
function othersSums<T>(ext: Arith<T>, values: readonly T[]): T[] {
  const n = values.length;
  const prefix: T[] = [ext.of(0)];
  for (let j = 0; j < n - 1; j++) prefix.push(ext.add(prefix[j]!, values[j]!));
  const out: T[] = new Array(n);
  let suffix = ext.of(0);
  for (let c = n - 1; c >= 0; c--) {
    out[c] = ext.add(prefix[c]!, suffix);
    suffix = ext.add(suffix, values[c]!);
  }
  return out;
}

/**
 * GRAD-1 with one target class t: `a_c = 0` elsewhere, so every other class's component is
 * `e_c · (W − a_c)/(1 + s)` with the same `W − a_c` (`a_t`, or 1 under PRO-8 unit), one product
 * each; at t, `((W − a_t)·e_t − a_t·Σ_{j≠t} e_j)/(1 + s)` as in rowGrad.
 */
function singleTargetGrad<I>(
  ext: ExtendedArith<I>,
  row: Shifted<Extended<I>>,
  coef: RowCoefficients<Extended<I>>,
): Extended<I>[] {
  const t = coef.only;
  const at = coef.a[t]!;
  const denominator = ext.add(ext.of(1), row.s);
  const perOther = ext.div(coef.unitMass ? ext.of(1) : at, denominator);
  const grad = row.e.map((ec) => ext.mul(perOther, ec));
  const restAtT = coef.unitMass ? ext.sub(ext.of(1), at) : ext.of(0);
  const besides = row.e.reduce((acc, ej, j) => (j === t ? acc : ext.add(acc, ej)), ext.of(0));
  grad[t] = ext.div(ext.sub(ext.mul(restAtT, row.e[t]!), ext.mul(at, besides)), denominator);
  return grad;
}

/**
 * GRAD-1 as `((W − a_c)·e_c − a_c·Σ_{j≠c} e_j) / (1 + s)`, with `W − a_c` the other classes'
 * coefficients (or `1 − a_c` under PRO-8 unit): no quantity is subtracted from itself.
 */
function rowGrad<I>(
  ext: ExtendedArith<I>,
  row: Shifted<Extended<I>>,
  coef: RowCoefficients<Extended<I>>,
): Extended<I>[] {
  if (coef.only >= 0) return singleTargetGrad(ext, row, coef);
  const rest = coef.unitMass ? coef.a.map((ac) => ext.sub(ext.of(1), ac)) : othersSums(ext, coef.a);
  const otherMass = othersSums(ext, row.e);
  const denominator = ext.add(ext.of(1), row.s);
  return coef.a.map((ac, c) => ext.div(ext.sub(ext.mul(rest[c]!, row.e[c]!), ext.mul(ac, otherMass[c]!)), denominator));
}

function softmaxKernel<I>(arith: IntervalArithmetic<I>, ext: ExtendedArith<I>): SoftmaxKernel<Extended<I>> {
  const shifted = rowCache((x) => shiftRow(arith, ext, x));
  const term = (row: Shifted<Extended<I>>, coef: RowCoefficients<Extended<I>>, c: number) =>
    ext.mul(coef.a[c]!, ext.sub(row.log1pS, row.d[c]!));
  return {
    logSoftmax: (x) => {
      const row = shifted(x);
      return row.d.map((dc) => ext.sub(dc, row.log1pS));
    },
    loss: (x, coef) => {
      const row = shifted(x);
      if (coef.only >= 0) return term(row, coef, coef.only);
      return coef.a.reduce((total, _, c) => ext.add(total, term(row, coef, c)), ext.of(0));
    },
    grad: (x, coef) => rowGrad(ext, shifted(x), coef),
  };
}

/** log of an exact sum of doubles, with log 0 = −∞ and the log of a negative number NaN (BCE-4). */
function logOfSum<I>(arith: IntervalArithmetic<I>, ext: ExtendedArith<I>, terms: readonly number[]): Extended<I> {
  const sum = terms.reduce((acc, t) => ext.add(acc, ext.of(t)), ext.of(0));
  if (!('exact' in sum)) return { special: Math.log(terms.reduce((a, b) => a + b, 0)) };
  const sign = signOfRational(sum.exact);
  return sign > 0 ? ext.enclosed(arith.log(ext.enclosure(sum))) : ext.of(sign === 0 ? -Infinity : NaN);
}

function binaryKernel<I>(arith: IntervalArithmetic<I>, ext: ExtendedArith<I>): BinaryKernel<Extended<I>> {
  const one = ext.of(1);
  /** softplus(z) = max(z, 0) + log1p(e^{−|z|}) for a finite double z. */
  const softplus = (z: number): Extended<I> => {
    const tail = ext.enclosed(arith.log1p(arith.exp(arith.fromDouble(-Math.abs(z)))));
    return z > 0 ? ext.add(ext.of(z), tail) : tail;
  };
  /** σ(z) with a nonpositive exp argument. */
  const sigmoid = (z: number): Extended<I> => {
    const small = ext.enclosed(arith.exp(arith.fromDouble(-Math.abs(z))));
    return ext.div(z >= 0 ? one : small, ext.add(one, small));
  };
  return {
    logPlus: (p, e) => logOfSum(arith, ext, [p, e]),
    logOneMinusPlus: (p, e) => logOfSum(arith, ext, [1, -p, e]),
    bcelLoss: (x, y, complement, pw) =>
      ext.add(ext.mul(complement, softplus(x)), ext.mul(ext.mul(ext.of(pw), y), softplus(-x))),
    bcelGrad: (x, y, complement, pw) =>
      ext.sub(ext.mul(complement, sigmoid(x)), ext.mul(ext.mul(ext.of(pw), y), sigmoid(-x))),
  };
}

/** The reference kernels at one working precision. */
export function referenceKernels<I>(
  arith: IntervalArithmetic<I>,
): LossKernels<Extended<I>> & { arith: ExtendedArith<I> } {
  const ext = extendedArith(arith);
  const sum = (values: readonly Extended<I>[]): Extended<I> => values.reduce((a, b) => ext.add(a, b), ext.of(0));
  return {
    arith: ext,
    sum,
    mean: (values, d) => ext.div(sum(values), d),
    softmax: softmaxKernel(arith, ext),
    binary: binaryKernel(arith, ext),
  };
}
