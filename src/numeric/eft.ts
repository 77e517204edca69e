/**
 * Error-free transformations in binary64 (spec/tolerance.md#TOL-ACC): each returns the rounded
 * result and the exact rounding error, so `a + b === sum + error` holds in real arithmetic.
 */

/** A pair `hi + lo` whose real sum is the exact value. */
export interface Expansion {
  readonly hi: number;
  readonly lo: number;
}

/** Knuth's TwoSum: exact for any finite a, b without overflow. */
export function twoSum(a: number, b: number): Expansion {
  const hi = a + b;
  const bVirtual = hi - a;
  const aVirtual = hi - bVirtual;
  return { hi, lo: a - aVirtual + (b - bVirtual) };
}

const SPLITTER = 134217729; // 2^27 + 1: Veltkamp's constant for binary64

/** Dekker's TwoProduct (no FMA in JavaScript): exact for |a|, |b| below 2^970. */
export function twoProduct(a: number, b: number): Expansion {
  const hi = a * b;
  const ca = SPLITTER * a;
  const aHi = ca - (ca - a);
  const aLo = a - aHi;
  const cb = SPLITTER * b;
  const bHi = cb - (cb - b);
  const bLo = b - bHi;
  return { hi, lo: aLo * bLo - (hi - aHi * bHi - aHi * bLo - aLo * bHi) };
}
