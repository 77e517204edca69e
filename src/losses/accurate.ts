/**
 * `accurate`: the most accurate fast algorithm, working in binary64 for every dtype (DT-5) with
 * the bound of spec/tolerance.md#TOL-ACC.
 * - softmax CE: `lse − x_c = (m − x_c) + log1p(s)` with `s` excluding the max term and every
 *   difference held exactly (shiftedRow.ts): a sum of non-negative terms, no cancellation;
 *   smoothing as `Σ a_c·((m − x_c) + log1p(s))`, which never cancels either.
 * - gradient `W·p_c − a_c = (W − a_c)·p_c − a_c·(1 − p_c)` with `1 − p_c` formed from the
 *   other classes' mass (`s/(1 + s)` at the argmax), never by subtraction from 1.
 * - BCE with logits as `(1 − y)·softplus(x) + pw·y·softplus(−x)` (branch-free of cancellation);
 *   BCE logs of exactly held sums.
 * @see naive.ts, fused.ts (the textbook forms it is measured against)
 */
import { twoProduct, twoSum } from '../numeric/eft.js';
import { logOfOneMinusPlus, logOfSum, softplus } from '../numeric/logs.js';
import { shiftRow, type ShiftedRow } from '../numeric/shiftedRow.js';
import { neumaierSum, NeumaierSum } from '../numeric/sum.js';
import { roundedArith } from './arith.js';
import type { BinaryKernel, LossKernels, RowCoefficients, SoftmaxKernel } from './kernels.js';

/** `−lp_c = (m − x_c) + log1p(s)`, three non-negative parts summed with compensation. */
function negLogProb(row: ShiftedRow, c: number): number {
  return new NeumaierSum().add(-row.hi[c]!).add(row.log1pS).add(-row.lo[c]!).value();
}

/**
 * `a·(−lp_c)`. When `m − x_c` itself overflows binary64 (logits near ±max of opposite signs) a
 * small `a` can still bring the product back into range: form it from halves, which are exact.
 */
function weightedNegLogProb(row: ShiftedRow, x: Float64Array, c: number, a: number): number {
  if (row.hi[c] !== -Infinity || !Number.isFinite(x[c])) return a * negLogProb(row, c);
  const half = twoSum(x[row.argmax]! / 2, -x[c]! / 2);
  return new NeumaierSum().add(a * half.hi * 2).add(a * half.lo * 2).add(a * row.log1pS).value();
}

function rowLoss(x: Float64Array, coef: RowCoefficients<number>): number {
  const row = shiftRow(x);
  if (coef.only >= 0) return weightedNegLogProb(row, x, coef.only, coef.a[coef.only]!);
  const total = new NeumaierSum();
  for (let c = 0; c < x.length; c++) total.add(weightedNegLogProb(row, x, c, coef.a[c]!));
  return total.value();
}

/** Σ_{j≠c} a_j for every c, from compensated prefix and suffix sums (no cancellation). */
function othersSums(a: readonly number[]): Float64Array {
  const n = a.length;
  const prefix = new Float64Array(n);
  const suffix = new Float64Array(n);
  for (let c = 1, acc = new NeumaierSum(); c < n; c++) prefix[c] = acc.add(a[c - 1]!).value();
  for (let c = n - 2, acc = new NeumaierSum(); c >= 0; c--) suffix[c] = acc.add(a[c + 1]!).value();
  return prefix.map((p, c) => p + suffix[c]!);
}

function rowGrad(x: Float64Array, coef: RowCoefficients<number>): number[] {
  const row = shiftRow(x);
  const denominator = 1 + row.s;
  // W − a_c: exact for a gathered target (W = a_t), else the other classes' compensated sum.
  const others = coef.only >= 0 || coef.unitMass ? undefined : othersSums(coef.a);
  return Array.from(x, (_, c) => {
    const a = coef.only < 0 || coef.only === c ? coef.a[c]! : 0;
    const rest = others ? others[c]! : coef.mass - a;
    const p = row.e[c]! / denominator;
    const complement = (c === row.argmax ? row.s : 1 - row.e[c]! + row.s) / denominator;
    return rest * p - a * complement;
  });
}

function softmaxKernel(): SoftmaxKernel<number> {
  return {
    logSoftmax: (x) => {
      const row = shiftRow(x);
      return Array.from(x, (_, c) => row.hi[c]! - row.log1pS + row.lo[c]!);
    },
    loss: rowLoss,
    grad: rowGrad,
  };
}

/** `a·b − c·d` with both products exact before the one subtraction. */
function differenceOfProducts(a: number, b: number, c: number, d: number): number {
  const left = twoProduct(a, b);
  const right = twoProduct(c, d);
  const head = twoSum(left.hi, -right.hi);
  return head.hi + (head.lo + left.lo - right.lo);
}

function binaryKernel(): BinaryKernel<number> {
  return {
    logPlus: logOfSum,
    logOneMinusPlus: logOfOneMinusPlus,
    bcelLoss: (x, y, pw) => (1 - y) * softplus(x) + pw * y * softplus(-x),
    bcelGrad: (x, y, pw) => {
      // (1 − y)·σ(x) − pw·y·σ(−x) over the common denominator 1 + e^{−|x|}.
      const small = Math.exp(-Math.abs(x));
      const [sigmoidNumerator, complementNumerator] = x >= 0 ? [1, small] : [small, 1];
      return differenceOfProducts(1 - y, sigmoidNumerator, pw * y, complementNumerator) / (1 + small);
    },
  };
}

/** 2^-600: brings a sum that overflows binary64 back into range before the mean divides it. */
const DOWNSCALE = 2 ** -600;

/** `Σ v / d`, still right when `Σ v` alone would overflow binary64 but the mean does not. */
function compensatedMean(values: readonly number[], d: number): number {
  const total = neumaierSum(values);
  if (Number.isFinite(total) || !values.every(Number.isFinite)) return total / d;
  return neumaierSum(values.map((v) => v * DOWNSCALE)) / d / DOWNSCALE;
}

/** The accurate kernels; their working precision is always binary64 (DT-5). */
export function accurateKernels(): LossKernels<number> {
  return {
    arith: roundedArith((v) => v),
    sum: neumaierSum,
    mean: compensatedMean,
    softmax: softmaxKernel(),
    binary: binaryKernel(),
  };
}
