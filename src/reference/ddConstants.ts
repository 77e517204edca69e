/**
 * The constants of the fast engine's exp and log (spec/reference-engine.md#REF-12.4), computed
 * once with BigInt arithmetic from rigorous brackets, so no digit string is trusted: ln 2 from
 * its series, 2^(j/64) from square roots and products rounded down (lower chain) and up (upper
 * chain). Each bracket's width is checked at load; the error bounds below follow from it.
 */
import { DOWN, UP } from './endpoints.js';
import { bitLength, quotient, roundRational } from './ddExact.js';
import { bump, type DD } from './doubleDouble.js';

/** Fixed-point scale of the brackets: values are integers over 2^P. */
const P = 200;
const ONE_FIXED = 1n << BigInt(P);

/** floor(√n) by Newton's iteration from above. */
function isqrt(n: bigint): bigint {
  let x = 1n << BigInt((bitLength(n) + 1) >> 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

function isqrtCeil(n: bigint): bigint {
  const r = isqrt(n);
  return r * r === n ? r : r + 1n;
}

/**
 * ln 2·2^P ∈ [lo, hi]: ln 2 = Σ_{k≥1} 1/(k·2^k). Flooring P terms loses less than P units, and
 * the tail beyond term P is below 2/(P + 1) < 1 unit.
 */
function ln2Bracket(): [bigint, bigint] {
  let sum = 0n;
  for (let k = 1; k <= P; k++) sum += (ONE_FIXED >> BigInt(k)) / BigInt(k);
  return [sum, sum + BigInt(P) + 1n];
}

const [LN2_LOW, LN2_HIGH] = ln2Bracket();

/** Rigorous double-double bounds of ln 2. */
export const LN2_LO: DD = roundRational({ m: LN2_LOW, e: -P, d: 1n }, DOWN).value;
export const LN2_HI: DD = roundRational({ m: LN2_HIGH, e: -P, d: 1n }, UP).value;

/** A double within 1.01u of 64/ln 2; it only selects N in the reduction (its error bounds |r|). */
export const INV_LN2_64 = roundRational(quotient(64n * ONE_FIXED, LN2_LOW), DOWN).value.h;

/**
 * ln 2/64 = L1 + L2 + L3 + δL: L1 and L2 have 36 significant bits (so N·L1 and N·L2 are exact
 * for |N| < 2^17), L3 is a double and |δL| ≤ DELTA_L.
 */
function reductionSplit(): { l1: number; l2: number; l3: number; deltaL: number } {
  // L = ln2/64 ∈ [2^−7, 2^−6): L1 on the grid 2^−42, L2 on the grid 2^−78.
  const l1 = LN2_LOW >> BigInt(P + 6 - 42);
  const rest = LN2_LOW - (l1 << BigInt(P + 6 - 42));
  const l2 = rest >> BigInt(P + 6 - 78);
  const tail = rest - (l2 << BigInt(P + 6 - 78));
  const l3 = roundRational({ m: tail, e: -(P + 6), d: 1n }, DOWN).value.h;
  // δL = L − L1 − L2 − L3 lies between its values at the bracket's ends.
  const l3Fixed = BigInt(l3 * 2 ** 160) << BigInt(P + 6 - 160);
  const width = BigInt(P) + 1n;
  const worst = [tail - l3Fixed, tail + width - l3Fixed].reduce((a, b) =>
    (a < 0n ? -a : a) > (b < 0n ? -b : b) ? a : b,
  );
  const deltaL = roundRational({ m: worst < 0n ? -worst : worst, e: -(P + 6), d: 1n }, UP).value;
  return { l1: Number(l1) * 2 ** -42, l2: Number(l2) * 2 ** -78, l3, deltaL: bump(deltaL.h, 1) };
}

export const REDUCTION = reductionSplit();

/**
 * 2^(j/64), j = 0..63, each within 1.0001u²·2^(j/64): the lower chain is rounded down into a
 * double-double (error ≤ u²·value) and the bracket is narrower than 2^−150 (checked).
 */
function exp2Table(): DD[] {
  let [lo, hi] = [2n * ONE_FIXED, 2n * ONE_FIXED];
  for (let i = 0; i < 6; i++) [lo, hi] = [isqrt(lo << BigInt(P)), isqrtCeil(hi << BigInt(P))];
  const table: DD[] = [];
  let [tLo, tHi] = [ONE_FIXED, ONE_FIXED];
  for (let j = 0; j < 64; j++) {
    if ((tHi - tLo) << 150n > ONE_FIXED) throw new Error('2^(j/64) bracket wider than 2^-150');
    table.push(roundRational({ m: tLo, e: -P, d: 1n }, DOWN).value);
    [tLo, tHi] = [(tLo * lo) >> BigInt(P), -((-tHi * hi) >> BigInt(P))];
  }
  return table;
}

export const EXP2_TABLE: readonly DD[] = exp2Table();

function factorial(n: number): bigint {
  let f = 1n;
  for (let k = 2n; k <= BigInt(n); k++) f *= k;
  return f;
}

/** 1/i! as double-doubles within u²/i! (rounded down). */
export const INV_FACTORIAL: readonly DD[] = Array.from(
  { length: 12 },
  (_, i) => roundRational(quotient(1n, factorial(i)), DOWN).value,
);
