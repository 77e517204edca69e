/**
 * Exact dyadic arithmetic for tests: a double is m·2^e with integers m, e.
 */
import { rationalOfDouble } from '../../src/reference/exactRational.js';

export interface Dyadic {
  readonly m: bigint;
  readonly e: number;
}

/** The exact value of a finite double. */
export function dyadic(x: number): Dyadic {
  const { m, e } = rationalOfDouble(x);
  return { m, e };
}

/** Exact sum of dyadics, as a dyadic at the smallest exponent. */
export function dyadicSum(...xs: Dyadic[]): Dyadic {
  const e = Math.min(...xs.map((x) => x.e));
  return { m: xs.reduce((acc, x) => acc + (x.m << BigInt(x.e - e)), 0n), e };
}

export function dyadicProduct(a: Dyadic, b: Dyadic): Dyadic {
  return { m: a.m * b.m, e: a.e + b.e };
}

export function dyadicEquals(a: Dyadic, b: Dyadic): boolean {
  const d = dyadicSum(a, { m: -b.m, e: b.e });
  return d.m === 0n;
}
