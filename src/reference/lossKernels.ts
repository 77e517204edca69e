/**
 * The reference's kernels: spec/losses.md's quantities as exact rationals where they are
 * rational and enclosures where they are not, at the working precision of one Ziv attempt
 * (spec/reference-engine.md#REF-10). Structure-preserving forms keep every exp argument at or
 * below 0 (REF-4) and avoid cancellation: `−lp_c = log1p(s) − (x_c − m)` with `s` excluding the
 * max term, softplus as `max(z, 0) + log1p(e^{−|z|})`.
 */
import type { BinaryKernel, LinearKernel, LossKernels, RowCoefficients, SoftmaxKernel } from '../losses/kernels.js';
import type { IntervalArithmetic } from './arithmetic.js';
import { signOfRational } from './exactRational.js';
import { extendedArith, type Extended, type ExtendedArith } from './extended.js';
import { linearGradients } from './linearGradients.js';
import { capSlope, othersSums, shiftDoubles, shiftGeneral, type Shifted } from './softmaxRow.js';

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
  const z = coef.zLse ? ext.mul(ext.of(2), coef.zLse) : ext.of(0);
  const perOther = ext.div(ext.add(coef.unitMass ? ext.of(1) : at, z), denominator);
  const grad = row.e.map((ec) => ext.mul(perOther, ec));
  const restAtT = ext.add(coef.unitMass ? ext.sub(ext.of(1), at) : ext.of(0), z);
  const besides = row.e.reduce((acc, ej, j) => (j === t ? acc : ext.add(acc, ej)), ext.of(0));
  grad[t] = ext.div(ext.sub(ext.mul(restAtT, row.e[t]!), ext.mul(at, besides)), denominator);
  return grad;
}

/**
 * GRAD-1 as `((W − a_c)·e_c − a_c·Σ_{j≠c} e_j) / (1 + s)`, with `W − a_c` the other classes'
 * coefficients (or `1 − a_c` under PRO-8 unit), plus ZL-3's `2·z·lse`: no quantity is
 * subtracted from itself.
 */
function rowGrad<I>(
  ext: ExtendedArith<I>,
  row: Shifted<Extended<I>>,
  coef: RowCoefficients<Extended<I>>,
): Extended<I>[] {
  if (coef.only >= 0) return singleTargetGrad(ext, row, coef);
  const withoutZ = coef.unitMass ? coef.a.map((ac) => ext.sub(ext.of(1), ac)) : othersSums(ext, coef.a);
  const zMass = coef.zLse && ext.mul(ext.of(2), coef.zLse);
  const rest = zMass ? withoutZ.map((r) => ext.add(r, zMass)) : withoutZ;
  const otherMass = othersSums(ext, row.e);
  const denominator = ext.add(ext.of(1), row.s);
  return coef.a.map((ac, c) => ext.div(ext.sub(ext.mul(rest[c]!, row.e[c]!), ext.mul(ac, otherMass[c]!)), denominator));
}

function softmaxKernel<I>(
  arith: IntervalArithmetic<I>,
  ext: ExtendedArith<I>,
): SoftmaxKernel<Extended<I>, Shifted<Extended<I>>> {
  const term = (row: Shifted<Extended<I>>, coef: RowCoefficients<Extended<I>>, c: number) =>
    ext.mul(coef.a[c]!, ext.sub(row.log1pS, row.d[c]!));
  return {
    row: (x, rowCap) =>
      x instanceof Float64Array && rowCap === undefined
        ? shiftDoubles(arith, ext, x)
        : shiftGeneral(arith, ext, x, rowCap),
    logSoftmax: (row) => row.d.map((dc) => ext.sub(dc, row.log1pS)),
    lse: (row) => ext.add(row.max, row.log1pS),
    loss: (row, coef) => {
      if (coef.only >= 0) return term(row, coef, coef.only);
      // Σ a_c·(log1p(s) − d_c) as (Σ a_c)·log1p(s) + Σ a_c·(−d_c): the same signs term by term, and
      // coefficients summing to exactly 0 (probability targets with negative entries) leave the
      // transcendental part an exact 0, so such a loss is certified, not undetermined.
      const mass = coef.a.reduce((total, ac) => ext.add(total, ac), ext.of(0));
      const linear = coef.a.reduce((total, ac, c) => ext.add(total, ext.mul(ac, row.d[c]!)), ext.of(0));
      return ext.sub(ext.mul(mass, row.log1pS), linear);
    },
    grad: (row, coef) => rowGrad(ext, row, coef),
    capSlope: (row) => row.logits!.map((x) => capSlope(arith, ext, x, row.cap!)),
  };
}

/** LCE-2: the exact logit, a rational (sums and products of doubles); LCE-3 kept exact where it cancels. */
function exactLinear<I>(arith: IntervalArithmetic<I>, ext: ExtendedArith<I>): LinearKernel<Extended<I>> {
  // Each input converted to its rational once: a row of h meets every row of W.
  const exact = new WeakMap<Float64Array, Extended<I>[]>();
  const of = (values: Float64Array, at: number): Extended<I> => {
    let converted = exact.get(values);
    if (converted === undefined) exact.set(values, (converted = new Array<Extended<I>>(values.length)));
    return (converted[at] ??= ext.of(values[at]!));
  };
  return {
    gradients: (c, input) => linearGradients(arith, ext, c, input),
    logit: (h, hAt, w, wAt, d, b) => {
      let acc = ext.of(b);
      for (let k = 0; k < d; k++) acc = ext.add(acc, ext.mul(of(h, hAt + k), of(w, wAt + k)));
      return acc;
    },
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
    linear: exactLinear(arith, ext),
  };
}
