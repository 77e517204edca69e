/**
 * Double-double numbers and the error-free transformations they are built on
 * (spec/reference-engine.md#REF-12.1, REF-12.4).
 *
 * A double-double `{ h, l }` is the exact real h + l. Every one this engine makes is
 * *normalized*: h = RN(h + l) (round to nearest, ties to even), so |l| ≤ ulp(h)/2 ≤ u·|h| with
 * u = 2^−53, the unit roundoff of binary64. Normalization is what makes comparison, sign and rounding to binary64 cheap and exact
 * (fastEndpoints.ts), and TwoSum produces it for free: its result s is RN(a + b).
 *
 * The approximate (round-to-nearest) products and sums at the end are for the exp polynomial,
 * whose error budget (ddExp.ts) rests on the bounds stated here; the directed operations that
 * enclosures use are in ddDirected.ts.
 */

export interface DD {
  readonly h: number;
  readonly l: number;
}

export const ZERO: DD = { h: 0, l: 0 };
export const ONE: DD = { h: 1, l: 0 };

/** 2^27 + 1: Veltkamp's splitting constant for 53-bit significands. */
const SPLITTER = 134217729;

export function dd(x: number): DD {
  // x + 0 turns −0 into +0: the engine's zero is unsigned (REF-6).
  return { h: x + 0, l: 0 };
}

/**
 * Knuth's TwoSum error: for s = RN(a + b), the exact a + b − s, for any doubles whose sum does not
 * overflow (subnormal results included: a sum that lands among subnormals is exact). Returning a
 * number rather than a pair lets hot loops run without allocating.
 */
export function sumError(a: number, b: number, s: number): number {
  const bb = s - a;
  return a - (s - bb) + (b - bb);
}

/** TwoSum: s + e = a + b exactly with s = RN(a + b), so the pair is normalized. */
export function twoSum(a: number, b: number): DD {
  const s = a + b;
  return { h: s, l: sumError(a, b, s) };
}

/**
 * Dekker's TwoProduct error with Veltkamp's split: for p = RN(a·b), the exact a·b − p, provided
 * |a|, |b| < 2^995 (the split does not overflow) and |a·b| ≥ 2^−960 (exponents sum to at least
 * −970, so no partial product underflows; Boldo 2006). JavaScript has no FMA, hence the split.
 */
export function productError(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** TwoProduct: p + e = a·b exactly with p = RN(a·b), under productError's conditions. */
export function twoProd(a: number, b: number): DD {
  const p = a * b;
  return { h: p, l: productError(a, b, p) };
}

/**
 * A double at least one ulp of x beyond x in the direction (1: up, −1: down), hence beyond
 * x + err for the rounding error err of any RN result x (|err| ≤ ulp(x)/2). The step
 * |x|·2^−52 + 2^−1074 is at least ulp(x), and RN(x ± step) is at least as far as the next
 * double, which is x ± ulp(x) or closer to x only when that neighbour itself is a double.
 */
export function bump(x: number, direction: number): number {
  return x + direction * (Math.abs(x) * 2 ** -52 + 2 ** -1074);
}

/** −a, exactly (RN is symmetric, so the negation of a normalized value is normalized). */
export function negate(a: DD): DD {
  return a.h === 0 ? ZERO : { h: -a.h, l: -a.l };
}

/**
 * The sign of a − b. For normalized values h = RN(h + l) and RN is monotone, so a.h < b.h implies
 * a < b; equal leading parts leave a − b = a.l − b.l.
 */
export function compare(a: DD, b: DD): number {
  if (a.h !== b.h) return a.h < b.h ? -1 : 1;
  return a.l === b.l ? 0 : a.l < b.l ? -1 : 1;
}

/**
 * x·y rounded approximately, for normalized x, y without underflow (REF-12.4):
 * |result − xy| ≤ 8u²(1 + 4u)|xy|. Derivation, with (p, e) = TwoProd(xh, yh) exact, A = xh·yl,
 * B = xl·yh (|A|, |B| ≤ u|xh·yh|): rounding A, B and their sum costs ≤ 2u²(2 + u)|xh·yh|, adding
 * e (|e| ≤ u|p|) costs ≤ 3u²(1 + 2u)|xh·yh|, the omitted xl·yl is ≤ u²|xh·yh|, the final TwoSum is
 * exact, and |xh·yh| ≤ (1 + 2.01u)|xy|. Each subnormal intermediate adds < 2^−1074 absolutely.
 */
export function mulApprox(x: DD, y: DD): DD {
  // TwoProd and TwoSum on scalars: the exp polynomial runs this per class of a row, unallocated.
  const p = x.h * y.h;
  const b = productError(x.h, y.h, p) + (x.h * y.l + x.l * y.h);
  const s = p + b;
  return { h: s, l: sumError(p, b, s) };
}

/**
 * x + y rounded approximately (the accurate double-word sum, with TwoSum for Fast2Sum so that
 * no ordering precondition is needed): |result − (x + y)| ≤ 3u²(1 + 4u)(|x| + |y|) (REF-12.4).
 * Derivation, M = |xh| + |yh|: (s, e) = TwoSum(xh, yh) and (t, f) = TwoSum(xl, yl) are exact,
 * |e| ≤ u(1 + u)M, |t| ≤ u(1 + u)M; rounding e + t costs ≤ 2u²(1 + u)M; after the exact
 * renormalization |e| ≤ uM(1 + 4.2u), |f| ≤ u²(1 + u)M, so rounding e + f costs ≤ u²M(1 + 5.3u).
 */
export function addApprox(x: DD, y: DD): DD {
  const s = x.h + y.h;
  const t = x.l + y.l;
  const b = sumError(x.h, y.h, s) + t;
  const r = s + b;
  const c = sumError(s, b, r) + sumError(x.l, y.l, t);
  const h = r + c;
  return { h, l: sumError(r, c, h) };
}
