/**
 * Exact dyadic arithmetic for tests: a double is m·2^e with integers m, e.
 */
const view = new DataView(new ArrayBuffer(8));

export interface Dyadic {
  readonly m: bigint;
  readonly e: number;
}

/** The exact value of a finite double. */
export function dyadic(x: number): Dyadic {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  return biased === 0 ? { m: sign * fraction, e: -1074 } : { m: sign * (fraction | (1n << 52n)), e: biased - 1075 };
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
