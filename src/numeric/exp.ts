/**
 * `e^x` for `x ∈ [−708, 0]` within 0.6 ulp (spec/tolerance.md#TOL-ACC.2 proves the bound),
 * written out so that the compiler inlines it into the softmax row's loop: `Math.exp` is a call
 * into the runtime's C library, which took most of `accurate`'s time on a batch of 4M logits.
 * Outside that range (and for NaN) it is `Math.exp` itself.
 *
 * Tang's table method: `x = (32·m + j)·ln2/32 + r`, `|r| ≤ ln2/64`, so that
 * `e^x = 2^m · 2^{j/32} · e^r`, with `2^{j/32} = T_hi + T_lo` to 2^-106 and `e^r − 1` a degree-6
 * Taylor polynomial (its truncation is below `r^7/5040 < 3.5e-18`, 0.032u).
 */

/** `2^{j/32}` for j = 0..31 as `[hi, lo]`: hi = RN(2^{j/32}), lo = RN(2^{j/32} − hi). */
export const TABLE: readonly (readonly [number, number])[] = [
  [1.0, 0.0],
  [1.0218971486541166, 5.109225028973444e-17],
  [1.0442737824274138, 8.551889705537965e-17],
  [1.0671404006768237, -7.899853966841582e-17],
  [1.0905077326652577, -3.046782079812471e-17],
  [1.1143867425958924, 1.0410278456845571e-16],
  [1.1387886347566916, 8.912812676025408e-17],
  [1.1637248587775775, 3.8292048369240935e-17],
  [1.189207115002721, 3.982015231465646e-17],
  [1.215247359980469, -7.712630692681488e-17],
  [1.241857812073484, 4.658027591836937e-17],
  [1.2690509571917332, 2.667932131342186e-18],
  [1.2968395546510096, 2.5382502794888315e-17],
  [1.3252366431597413, -2.8587312100388614e-17],
  [1.3542555469368927, 7.70094837980299e-17],
  [1.383909881963832, -6.770511658794786e-17],
  [1.4142135623730951, -9.667293313452913e-17],
  [1.4451808069770467, -3.0237581349939873e-17],
  [1.4768261459394993, -3.483994556892796e-17],
  [1.5091644275934228, -1.016455327754295e-16],
  [1.5422108254079407, 7.949834809697621e-17],
  [1.5759808451078865, -1.0136916471278304e-17],
  [1.6104903319492543, 2.4707192569797888e-17],
  [1.645755478153965, -1.0125679913674773e-16],
  [1.681792830507429, 8.199010020581497e-17],
  [1.718619298122478, -1.851380418263111e-17],
  [1.7562521603732995, 2.960140695448873e-17],
  [1.7947090750031072, 1.8227458427912087e-17],
  [1.8340080864093424, 3.283107224245627e-17],
  [1.8741676341103, -6.122763413004143e-17],
  [1.9152065613971474, -1.0619946056195963e-16],
  [1.9571441241754002, 8.960767791036668e-17],
];
const TABLE_HI = Float64Array.from(TABLE, ([hi]) => hi);
const TABLE_LO = Float64Array.from(TABLE, ([, lo]) => lo);

/** The range of the table method; below −708 `e^x` nears the subnormals, where scaling would round. */
export const FAST_EXP_MIN = -708;

/** TOL-ACC.2's bound on the table method's error, in ulps of the result. */
export const FAST_EXP_ULPS = 0.6;

/** 32/ln 2, and ln2/32 split so that `k·LN2_32_HI` is exact for |k| < 2^21 (32 significant bits). */
const INV_LN2_32 = 46.16624130844683;
const LN2_32_HI = 6.9314718036912382e-1 / 32;
const LN2_32_LO = 1.9082149292705877e-10 / 32;

/** 1.5·2^52: adding and subtracting it rounds a double below 2^51 to an integer (Math.round is a call). */
const ROUNDER = 6755399441055744;

/** `2^m` at index m + 1022, m = −1022..0: halving 1 is exact down to the smallest normal. */
const POW2 = new Float64Array(1023);
for (let i = 1022, p = 1; i >= 0; i--, p /= 2) POW2[i] = p;

/** `e^x` within 0.6 ulp on [FAST_EXP_MIN, 0]; `Math.exp(x)` elsewhere. */
export function exp(x: number): number {
  if (!(x >= FAST_EXP_MIN && x <= 0)) return Math.exp(x);
  const kf = x * INV_LN2_32 + ROUNDER - ROUNDER;
  // x − k·hi is exact (Sterbenz, and x itself for k = 0); k·lo rounds below 2^-75.
  const r = x - kf * LN2_32_HI - kf * LN2_32_LO;
  const k = kf | 0;
  const j = k & 31;
  const hi = TABLE_HI[j]!;
  const q = r + r * r * (1 / 2 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720)))));
  return (hi + (TABLE_LO[j]! + hi * q)) * POW2[(k >> 5) + 1022]!;
}
