/**
 * Error analysis of a case for the conformance levels (spec/tolerance.md#TOL-RUN, TOL-MAG): the
 * semantic drivers run on values that carry, beside a binary64 estimate `v`, the magnitude `m`
 * of the terms forming them and the running-error bound `e` (in units of the dtype's u) of the
 * textbook fused algorithm.
 */
import type { Dtype } from '../case/types.js';
import type { ValidCase } from '../case/validate.js';
import { FORMATS } from '../numeric/dtype.js';
import type { Arith } from '../losses/arith.js';
import { driverValues } from '../losses/builtins.js';
import type { BinaryKernel, LossKernels } from '../losses/kernels.js';
import type { DriverValues } from '../losses/softmaxDriver.js';
import { logOfOneMinusPlus, logOfSum, softplus } from '../numeric/logs.js';
import { linearAnalysis, softmaxAnalysis } from './softmaxAnalysis.js';

/**
 * A value, the magnitude of its terms, a bound on a textbook evaluation's error (units of u) and
 * a bound on the gradual underflow of `accurate`'s binary64 evaluation (units of 2^-1074, TOL-ACC's z).
 */
export interface Analyzed {
  readonly v: number;
  readonly m: number;
  readonly e: number;
  readonly z: number;
}

/** k·z, where no underflow (z = 0) stays none even if an estimate k overflowed. */
const scaled = (k: number, z: number): number => (z === 0 ? 0 : k * z);

const pick = (a: Analyzed, b: Analyzed, take: boolean): Analyzed =>
  Number.isNaN(a.v) ? a : Number.isNaN(b.v) ? b : take ? a : b;

/** `η = minSubnormal/(2u)`: gradual underflow's absolute error, in units of u (TOL-RUN). */
const underflowUnits = (dtype: Dtype): number => FORMATS[dtype].minSubnormal / (2 * FORMATS[dtype].unitRoundoff);

/**
 * TOL-RUN's arithmetic in a dtype: each operation's rounding adds `|result|` units of u and,
 * for gradual underflow, `η` units (Higham's model: fl(a∘b) = (a∘b)(1 + δ) + η). TOL-ACC's z
 * propagates by the same rules, each binary64 operation adding one unit.
 */
export function analysisArith(dtype: Dtype): Arith<Analyzed> {
  const eta = underflowUnits(dtype);
  const rounding = (v: number): number => Math.abs(v) + eta;
  return {
    of: (x) => ({ v: x, m: Math.abs(x), e: 0, z: 0 }),
    add: (a, b) => ({ v: a.v + b.v, m: a.m + b.m, e: a.e + b.e + rounding(a.v + b.v), z: a.z + b.z + 1 }),
    sub: (a, b) => ({ v: a.v - b.v, m: a.m + b.m, e: a.e + b.e + rounding(a.v - b.v), z: a.z + b.z + 1 }),
    mul: (a, b) => {
      const v = a.v * b.v;
      const [ma, mb] = [Math.abs(a.v), Math.abs(b.v)];
      return { v, m: a.m * b.m, e: ma * b.e + mb * a.e + rounding(v), z: scaled(ma, b.z) + scaled(mb, a.z) + 1 };
    },
    div: (a, b) => {
      const v = a.v / b.v;
      const d = Math.abs(b.v);
      return {
        v,
        m: a.m / d,
        e: (a.e + Math.abs(v) * b.e) / d + rounding(v),
        z: (a.z + scaled(Math.abs(v), b.z)) / d + 1,
      };
    },
    neg: (a) => ({ ...a, v: -a.v }),
    max: (a, b) => pick(a, b, a.v >= b.v),
    isZero: (a) => a.v === 0,
    sign: (a) => Math.sign(a.v),
  };
}

/** A logarithm whose argument was rounded `roundings` times: one unit of absolute error each. */
const analyzedLog = (v: number, roundings: number): Analyzed => ({
  v,
  m: Math.abs(v),
  e: Math.abs(v) + roundings,
  z: 1,
});

/** A faithful logarithm of an exact argument: two units of u relative. */
const relativeLog = (v: number): Analyzed => ({ v, m: Math.abs(v), e: 2 * Math.abs(v), z: 1 });

function binaryKernel(ar: Arith<Analyzed>): BinaryKernel<Analyzed> {
  return {
    logPlus: (p, e) => (e === 0 ? relativeLog(Math.log(p)) : analyzedLog(logOfSum(p, e), 1)),
    // Without ε, log1p(−p) of the exact p is faithful (relative); log(1 − p) is not: rounding
    // 1 − p erases a tiny p, the loss of PyTorch 1.13's BCELoss for y = 0 (TOL-RUN).
    logOneMinusPlus: (p, e) =>
      e === 0 ? relativeLog(logOfOneMinusPlus(p, 0)) : analyzedLog(logOfOneMinusPlus(p, e), 2),
    bcelLoss: (x, y, complement, pw) => {
      const tail = Math.log1p(Math.exp(-Math.abs(x)));
      // exp(−|x|) and log1p underflow by a unit each (z).
      const tailTerm = { v: tail, m: tail, e: 2 * tail, z: 2 };
      const softplusNeg = ar.add(ar.of(Math.max(-x, 0)), tailTerm);
      const scale = ar.add(ar.of(1), ar.mul(ar.sub(ar.of(pw), ar.of(1)), y));
      const torch = ar.add(ar.mul(complement, ar.of(x)), ar.mul(scale, softplusNeg));
      // TensorFlow's max(x, 0) − x·y + log1p(e^{−|x|}) cancels where PyTorch's does not: take the worse.
      const tensorflow = ar.add(ar.sub(ar.of(Math.max(x, 0)), ar.mul(ar.of(x), y)), tailTerm);
      // TOL-MAG: the terms of accurate's form (1 − y)·softplus(x) + pw·y·softplus(−x).
      return {
        ...torch,
        e: Math.max(torch.e, tensorflow.e),
        m: Math.abs(complement.v) * softplus(x) + Math.abs(pw * y.v) * softplus(-x),
      };
    },
    bcelGrad: (x, y, complement, pw) => {
      const small = Math.exp(-Math.abs(x));
      const sigmoid = { v: (x >= 0 ? 1 : small) / (1 + small) };
      const withError = { v: sigmoid.v, m: sigmoid.v, e: 3 * sigmoid.v, z: 2 };
      const scale = ar.add(ar.of(1), ar.mul(ar.sub(ar.of(pw), ar.of(1)), y));
      const grad = ar.sub(ar.mul(scale, withError), ar.mul(ar.of(pw), y));
      // TOL-MAG: accurate's terms (1 − y)·σ(x) and pw·y·σ(−x).
      return { ...grad, m: Math.abs(complement.v) * sigmoid.v + Math.abs(pw * y.v) * (1 - sigmoid.v) };
    },
  };
}

/** The analysis kernels in a dtype: recursive sums, the textbook forms' errors (TOL-RUN). */
export function analysisKernels(dtype: Dtype): LossKernels<Analyzed> {
  const ar = analysisArith(dtype);
  const eta = underflowUnits(dtype);
  const sum = (values: readonly Analyzed[]) => values.reduce((a, b) => ar.add(a, b), ar.of(0));
  return {
    arith: ar,
    sum,
    mean: (values, d) => ar.div(sum(values), d),
    softmax: softmaxAnalysis(ar, eta),
    binary: binaryKernel(ar),
    linear: linearAnalysis(ar),
  };
}

/** Magnitude and running-error bound of every output of a validated case, computed in `dtype` (TOL-OPMATH). */
export function analyzeCase(c: ValidCase, dtype: Dtype = c.dtype): DriverValues<Analyzed> {
  return driverValues(c, analysisKernels(dtype));
}
