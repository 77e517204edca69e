/**
 * Enclosures of e^x and e^x − 1 at a double-double point, with a proven error bound
 * (spec/reference-engine.md#REF-12.4). u = 2^−53; u² = 2^−106.
 *
 * e^x = 2^k · 2^(j/64) · e^r with N = 64k + j = round(x·64/ln 2) and r = x − N·ln2/64.
 *  1. Reduction. |x·64/ln 2 − N| ≤ 1/2 + |xh|·(64/ln 2)·2.02u + |xl|·64/ln 2 ≤ 1/2 + 2.1·10^−11 for
 *     |x| ≤ 746 (|xl| ≤ 2^−44), so |r| ≤ R = 0.005416. r is formed from exact pieces (N·L1, N·L2
 *     exact, TwoProduct(N, L3), three TwoSums); only four additions of terms below 2^−58.8 round,
 *     and |N·δL| < 2^17·2^−133: |r − r̃| ≤ 4u·2^−58.8 + 2^−116 < 0.08u².
 *  2. Polynomial. e^r̃ = Σ_{i≤11} r̃^i/i! + ρ, |ρ| ≤ e^R·R^12/12! < 0.0002u². Terms 7..11 are summed
 *     by Horner in doubles: within 2.11u/7! of Σ_{i≥7} r̃^(i−7)/i! (coefficients within 1.0001u,
 *     one rounding each of a product and a sum dominated by the coefficient). Terms 6..0 follow
 *     by Horner in double-double, y_i = y_{i+1}·r̃ + 1/i!, with mulApprox (≤ 8u²(1 + 4u)),
 *     addApprox (≤ 3u²(1 + 4u) of the operands' magnitudes) and 1/i! within u²/i! (exact for
 *     i ≤ 2). The error of y_i, in u²: E_i ≤ R·E_{i+1} + [1/i!]_{i≥3} + 8.0001·1.01·R/(i+1)! +
 *     3.0001·(1.02·R/(i+1)! + 1/i!), from E_7 = 2.11u/7!: the doubles' tail reaches y_1 times R^6
 *     (< 0.1u²) and y_0 times R^7 (< 0.001u²); E_1 ≤ 3.14 and E_0 ≤ 3.08 in all. So the polynomial
 *     is within 3.1u² of e^r̃ relatively (e^r̃ ≥ 0.9945).
 *  3. Table and product. |T_j − 2^(j/64)| ≤ 1.0001u²·2^(j/64) (ddConstants.ts); T_j·p costs 8.001u².
 *  4. In all, |q − 2^(j/64)·e^r| ≤ (0.08 + 3.1 + 1.0001 + 8.001 + O(u²))u² < 12.2u² of it.
 *     The enclosure is q ∓ |qh|·2^−102 (16u²(1 − u)|q| > 12.2u²·e^r·(1 + 12.2u²)), rounded
 *     outward, then scaled by 2^k, directed (exact unless the result leaves the normal range).
 * A subnormal intermediate (only when |r| < 2^−900) adds under 2^−1060 to a value near 1.
 */
import { DOWN, UP, type Enclosure } from './endpoints.js';
import { EXP2_TABLE, INV_FACTORIAL, INV_LN2_64, REDUCTION } from './ddConstants.js';
import { offsetDirected } from './ddDirected.js';
import { scaleDirected } from './ddExact.js';
import { ONE, ZERO, addApprox, dd, mulApprox, productError, sumError, twoSum, type DD } from './doubleDouble.js';

/** e^x < 2^−1074 for x < −746 (e^−746 < 2^−1076.2). */
const UNDERFLOW_ARGUMENT = -746;
/** e^x > MAX for x > 709.79 (ln MAX < 709.783). */
const OVERFLOW_ARGUMENT = 709.79;
/** 16u²: the half-width of the enclosure relative to the approximation. */
const WIDENING = 2 ** -102;
/** |r| bound of the reduction; expm1Enclosure's domain. */
export const EXP_REDUCED_LIMIT = 0.005416;

const COEFFICIENT = INV_FACTORIAL.map((c) => c.h);

function closed(value: DD): Enclosure<DD> {
  return { lo: value, hi: value, loOpen: false, hiOpen: false };
}

/** r̃ = x − N·ln2/64 within 0.08u² (step 1); N·L1 and N·L2 are exact products. */
function reduce(x: DD, n: number): DD {
  const { l1, l2, l3 } = REDUCTION;
  const ch = n * l3;
  const cl = productError(n, l3, ch);
  const [a1, a2] = [-n * l1, -n * l2];
  const sh = x.h + a1;
  const th = sh + a2;
  const vh = th + x.l;
  return twoSum(vh, sumError(sh, a2, th) + sumError(x.h, a1, sh) + sumError(th, x.l, vh) - ch - cl);
}

/** Σ_{i=from}^{11} r^(i−from)/i!: Horner in doubles down to i = 7, then in double-double (step 2). */
function taylorTail(r: DD, from: number): DD {
  let tail = COEFFICIENT[11]!;
  for (let i = 10; i >= 7; i--) tail = tail * r.h + COEFFICIENT[i]!;
  let y = dd(tail);
  for (let i = 6; i >= from; i--) y = addApprox(mulApprox(y, r), INV_FACTORIAL[i]!);
  return y;
}

/** q ∓ |qh|·2^−102, rounded outward (step 4). */
function widen(q: DD): { lo: DD; hi: DD } {
  const w = Math.abs(q.h) * WIDENING;
  return { lo: offsetDirected(q, w, DOWN), hi: offsetDirected(q, w, UP) };
}

/** An enclosure of e^x; e^x is irrational for x ≠ 0 (Lindemann), so both ends are open. */
export function expEnclosure(x: DD): Enclosure<DD> {
  if (x.h === 0) return closed(ONE);
  if (x.h < UNDERFLOW_ARGUMENT) return { lo: ZERO, hi: dd(2 ** -1074), loOpen: true, hiOpen: true };
  if (x.h > OVERFLOW_ARGUMENT) return { lo: dd(Number.MAX_VALUE), hi: dd(Infinity), loOpen: true, hiOpen: true };
  const n = Math.round(x.h * INV_LN2_64);
  const k = Math.floor(n / 64);
  const j = n - 64 * k;
  const p = taylorTail(reduce(x, n), 0);
  const { lo, hi } = widen(j === 0 ? p : mulApprox(EXP2_TABLE[j]!, p));
  return { lo: scaleDirected(lo, k, DOWN).value, hi: scaleDirected(hi, k, UP).value, loOpen: true, hiOpen: true };
}

/**
 * An enclosure of e^x − 1 for 2^−60 ≤ |x| ≤ EXP_REDUCED_LIMIT (no reduction: r̃ = x exactly, and no
 * product underflows). x·(Σ_{i≥1} x^(i−1)/i!): the sum is within E_1 ≤ 3.14u² + the truncation
 * e^R·R^11/12! < 0.02u², relatively 3.17u² (the sum is ≥ 0.9972); the product adds 8.001u², so
 * 11.2u² in all, inside the same 16u² widening as exp. Only its bounds are asked for (the log1p
 * built on it is open, ddLog.ts), so it has no open flags.
 */
export function expm1Enclosure(x: DD): { lo: DD; hi: DD } {
  return widen(mulApprox(x, taylorTail(x, 1)));
}
