/**
 * `accurate`: the most accurate fast algorithm, in binary64 for every dtype (DT-5), with the bound
 * of spec/tolerance.md#TOL-ACC.
 * - softmax CE: `lse − x_c = (m − x_c) + log1p(s)` with `s` excluding the max term and every
 *   difference held exactly (shiftedRow.ts): a sum of non-negative terms, no cancellation;
 *   smoothing as `Σ a_c·((m − x_c) + log1p(s))`, which never cancels either.
 * - gradient `W·p_c − a_c = (W − a_c)·p_c − a_c·(1 − p_c)` with `1 − p_c` formed from the
 *   other classes' mass (`s/(1 + s)` at the argmax), never by subtraction from 1.
 * - `lse = m + log1p(s)`, one rounding of a two-term sum; the soft-cap `c·tanh(x/c)` in binary64
 *   (x itself where x/c is below 2^-27; then every difference of capped logits held exactly)
 *   and its slope as `4e/(1 + e)²`, `e = e^{−2|x/c|}`, never `1 − tanh²`, with the quotient's
 *   rounding error kept (CAP-2; numeric/tanh.ts).
 * - linear CE's logits by a compensated dot product (Ogita, Rump & Oishi's Dot2), rounded once.
 * - BCE with logits as `(1 − y)·softplus(x) + pw·y·softplus(−x)`; BCE logs of exactly held sums.
 * - Everything outside the row kernels (weights, targets, coefficients, products, sums, means)
 *   is in binary64 with an unbounded exponent (scaled.ts): tiny weights times huge losses
 *   neither underflow nor overflow before the one final rounding.
 * @see naive.ts, fused.ts (the textbook forms it is measured against)
 */
import { twoProduct, twoSum, type Expansion } from '../numeric/eft.js';
import { logOfOneMinusPlus, logOfSum, softplus } from '../numeric/logs.js';
import {
  ScaledSum,
  fromScaled,
  scaledAdd,
  scaledCompare,
  scaledDiv,
  scaledMul,
  scaledNeg,
  scaledSum,
  scaledTwoProduct,
  toScaled,
  type Scaled,
} from '../numeric/scaled.js';
import { shiftedAt, shiftRow, sumRow, type RowSum, type ShiftedRow } from '../numeric/shiftedRow.js';
import { NeumaierSum } from '../numeric/sum.js';
import { capQuotient, softcap, tanhSlope } from '../numeric/tanh.js';
import type { Arith } from './arith.js';
import type { BinaryKernel, LinearKernel, LossKernels, RowCoefficients, SoftmaxKernel } from './kernels.js';
import { isTiedRow, tiedRowGrad } from './tiedGrad.js';

const larger = (a: Scaled, b: Scaled): Scaled => {
  const c = scaledCompare(a, b);
  return Number.isNaN(c) ? { m: NaN, e: 0 } : c >= 0 ? a : b;
};

const scaled: Arith<Scaled> = {
  of: toScaled,
  add: scaledAdd,
  sub: (a, b) => scaledAdd(a, scaledNeg(b)),
  mul: scaledMul,
  div: scaledDiv,
  neg: scaledNeg,
  max: larger,
  isZero: (a) => a.m === 0,
  sign: (a) => Math.sign(a.m),
  twoProduct: scaledTwoProduct,
};

/** `−lp_c = (m − x_c) + log1p(s)`, three non-negative parts summed with compensation. */
function negLogProb(row: RowSum, x: Float64Array, c: number): Scaled {
  const d = shiftedAt(x, row.argmax, c);
  if (d.hi === -Infinity && Number.isFinite(x[c])) {
    // m − x_c beyond binary64 (logits near ±max of opposite signs): from halves, which are exact.
    const half = twoSum(x[row.argmax]! / 2, -x[c]! / 2);
    const sum = new NeumaierSum()
      .add(half.hi)
      .add(half.lo)
      .add(row.log1pS / 2)
      .value();
    return scaledMul(toScaled(sum), toScaled(2));
  }
  return toScaled(new NeumaierSum().add(-d.hi).add(row.log1pS).add(-d.lo).value());
}

/**
 * A row of (capped) logits in binary64 and the arguments `x/c` of its cap; its sum (what a loss
 * and lse need) and its shifted classes (what a gradient needs) formed when first asked for.
 */
interface AccurateRow {
  readonly x: Float64Array;
  /** `x/c` of each logit before the cap, with its rounding error (tanh.ts). */
  readonly capArguments?: Expansion[] | undefined;
  readonly sum: () => RowSum;
  readonly shifted: () => ShiftedRow;
}

function accurateRow(logits: Float64Array | readonly Scaled[], cap: number | undefined): AccurateRow {
  const given = logits instanceof Float64Array ? logits : Float64Array.from(logits, fromScaled);
  const capArguments = cap === undefined ? undefined : Array.from(given, (v) => capQuotient(v, cap));
  const x = capArguments ? given.map((v, j) => softcap(v, cap!, capArguments[j]!.hi)) : given;
  let shifted: ShiftedRow | undefined;
  let sum: RowSum | undefined;
  return {
    x,
    capArguments,
    sum: () => (sum ??= shifted ?? sumRow(x)),
    shifted: () => (shifted ??= shiftRow(x)),
  };
}

/** CAP-2's `1 − tanh²(x/c)` without cancellation, from the quotient and its error (tanh.ts). */
const capSlope = (row: AccurateRow): Scaled[] => row.capArguments!.map((y) => toScaled(tanhSlope(y.hi, y.lo)));

/** One pass over the row (its sum), then each term that exists. */
function rowLoss({ x, sum }: AccurateRow, coef: RowCoefficients<Scaled>): Scaled {
  const row = sum();
  const term = (c: number) => scaledMul(coef.a[c]!, negLogProb(row, x, c));
  if (coef.only >= 0) return term(coef.only);
  return scaledSum(Array.from(x, (_, c) => term(c)));
}

/** Σ_{j≠c} a_j for every c, from compensated prefix and suffix sums (no cancellation). */
function othersSums(a: readonly Scaled[]): Scaled[] {
  const n = a.length;
  const prefix: Scaled[] = new Array(n);
  const before = new ScaledSum();
  for (let c = 0; c < n; c++) {
    prefix[c] = before.value();
    before.add(a[c]!);
  }
  const out: Scaled[] = new Array(n);
  const after = new ScaledSum();
  for (let c = n - 1; c >= 0; c--) {
    out[c] = new ScaledSum().add(prefix[c]!).add(after.value()).value();
    after.add(a[c]!);
  }
  return out;
}

function rowGrad({ x, shifted }: AccurateRow, coef: RowCoefficients<Scaled>): Scaled[] {
  const row = shifted();
  // A tie: the gradient may vanish to first order in the logits' differences (TOL-ACC.1).
  if (coef.only < 0 && isTiedRow(row)) return tiedRowGrad(row, coef);
  const denominator = 1 + row.s;
  // W − a_c: exact for a gathered target (W = a_t), 1 − a_c under PRO-8, else the others' sum;
  // then ZL-3's 2·z·lse.
  const others = coef.only >= 0 || coef.unitMass ? undefined : othersSums(coef.a);
  return Array.from(x, (_, c) => {
    const a = coef.only < 0 || coef.only === c ? coef.a[c]! : toScaled(0);
    const withoutZ = others ? others[c]! : scaled.sub(coef.mass, a);
    const rest = coef.zLse ? scaledAdd(withoutZ, scaledMul(coef.zLse, toScaled(2))) : withoutZ;
    const p = row.e[c]! / denominator;
    const complement = (c === row.argmax ? row.s : 1 - row.e[c]! + row.s) / denominator;
    return scaled.sub(scaledMul(rest, toScaled(p)), scaledMul(a, toScaled(complement)));
  });
}

function softmaxKernel(): SoftmaxKernel<Scaled, AccurateRow> {
  return {
    row: accurateRow,
    logSoftmax: ({ x, shifted }) => {
      const row = shifted();
      return Array.from(x, (_, c) => toScaled(row.hi[c]! - row.log1pS + row.lo[c]!));
    },
    lse: ({ x, sum }) => {
      const row = sum();
      return toScaled(x[row.argmax]! + row.log1pS);
    },
    loss: rowLoss,
    grad: rowGrad,
    capSlope,
  };
}

/** Below it, e^{−|x|} = 1 + expm1(−|x|) is at least 0.6: the near-zero form costs no accuracy. */
const NEAR_ZERO_LOGIT = 0.5;

/**
 * GRAD-7 as `((1 − y − pw·y) + (1 − y)·E)/(2 + E)` (x < 0) or `((1 − y − pw·y) − pw·y·E)/(2 + E)`
 * (x ≥ 0), `E = expm1(−|x|)`: at `pw·y = 1 − y` (y = ½, pw = 1) the gradient vanishes at x = 0
 * and is first order in x, which e^{−|x|} rounded to 1 loses (TOL-ACC.1).
 */
function bcelGradNearZero(x: number, y: Scaled, complement: Scaled, pw: number): Scaled {
  const positive = scaledMul(toScaled(pw), y);
  const e = Math.expm1(-Math.abs(x));
  const correction = x < 0 ? scaledMul(complement, toScaled(e)) : scaledNeg(scaledMul(positive, toScaled(e)));
  const numerator = new ScaledSum().add(complement).add(scaledNeg(positive)).add(correction).value();
  return scaledDiv(numerator, toScaled(2 + e));
}

/** Dot2: the products' errors (TwoProduct) and the sums' (Neumaier) kept, one final rounding. */
const compensatedLinear: LinearKernel<Scaled> = {
  logit: (h, hAt, w, wAt, d, b) => {
    const sum = new NeumaierSum().add(b);
    for (let k = 0; k < d; k++) {
      const p = twoProduct(h[hAt + k]!, w[wAt + k]!);
      sum.add(p.hi).add(p.lo);
    }
    return toScaled(sum.value());
  },
};

function binaryKernel(): BinaryKernel<Scaled> {
  return {
    logPlus: (p, e) => toScaled(logOfSum(p, e)),
    logOneMinusPlus: (p, e) => toScaled(logOfOneMinusPlus(p, e)),
    bcelLoss: (x, y, complement, pw) =>
      scaledAdd(
        scaledMul(complement, toScaled(softplus(x))),
        scaledMul(scaledMul(toScaled(pw), y), toScaled(softplus(-x))),
      ),
    bcelGrad: (x, y, complement, pw) => {
      if (Math.abs(x) <= NEAR_ZERO_LOGIT) return bcelGradNearZero(x, y, complement, pw);
      // (1 − y)·σ(x) − pw·y·σ(−x) with σ(±x) from e^{−|x|}, never 1 − σ.
      const small = Math.exp(-Math.abs(x));
      const [sigmoid, sigmoidNeg] =
        x >= 0 ? [1 / (1 + small), small / (1 + small)] : [small / (1 + small), 1 / (1 + small)];
      return scaled.sub(
        scaledMul(complement, toScaled(sigmoid)),
        scaledMul(scaledMul(toScaled(pw), y), toScaled(sigmoidNeg)),
      );
    },
  };
}

/** The accurate kernels: binary64 with an unbounded exponent (DT-5); `fromScaled` ends it. */
export function accurateKernels(): LossKernels<Scaled> {
  return {
    arith: scaled,
    sum: scaledSum,
    mean: (values, d) => scaledDiv(scaledSum(values), d),
    softmax: softmaxKernel(),
    binary: binaryKernel(),
    linear: compensatedLinear,
  };
}
