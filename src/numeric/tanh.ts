/**
 * The soft-cap's pieces in binary64 without cancellation (spec/losses.md#CAP-1, CAP-2;
 * spec/tolerance.md#TOL-ACC, TOL-MAG.1).
 */
import { twoProduct, type Expansion } from './eft.js';

/**
 * `x/c` with its rounding error: `hi + lo = x/c` to about u² relative. The slope's exponential
 * `e^{−2|x/c|}` turns an absolute error δ of its argument into a relative error 2δ, so a rounded
 * quotient alone costs `2·|x/c|·u` far out on tanh's tail.
 */
export function capQuotient(x: number, c: number): Expansion {
  const hi = x / c;
  const product = twoProduct(c, hi);
  const lo = (x - product.hi - product.lo) / c;
  // TwoProduct's splitting overflows past 2^970 (NaN): there the slope e^{−2|x/c|} is 0 anyway.
  return { hi, lo: Number.isFinite(lo) ? lo : 0 };
}

/**
 * `1 − tanh²(hi + lo) = 4e/(1 + e)²` with `e = e^{−2|hi|}`: no cancellation for large |y|; the
 * quotient's remainder `lo` enters through the slope's derivative, `−2·tanh(y)·(1 − tanh²(y))`.
 */
export function tanhSlope(hi: number, lo = 0): number {
  const e = Math.exp(-2 * Math.abs(hi));
  const slope = (4 * e) / ((1 + e) * (1 + e));
  return lo === 0 ? slope : slope * (1 - 2 * Math.tanh(hi) * lo);
}

/** tanh(y) = y·(1 − y²/3 + …) differs from y by less than u/3 relative below this. */
const TANH_IS_IDENTITY = 2 ** -27;

/**
 * CAP-1's `c·tanh(x/c)`: where `x/c` is below 2^-27 (possibly underflowed, for a subnormal x) the
 * value is x itself to within u/3, so x is returned rather than `c·RN(x/c)`, which loses a
 * subnormal x's bits.
 */
export function softcap(x: number, c: number, quotient: number = x / c): number {
  return Math.abs(quotient) < TANH_IS_IDENTITY ? x : c * Math.tanh(quotient);
}
