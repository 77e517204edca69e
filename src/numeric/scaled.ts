/**
 * Doubles with an unbounded exponent: `m·2^e` with a binary64 mantissa `m` in [0.5, 1). Every
 * operation rounds the mantissa once, as binary64 does, but nothing underflows or overflows
 * until the final conversion (spec/tolerance.md#TOL-ACC: the accurate algorithm's products of
 * tiny weights and huge log-probabilities stay exact in range).
 */
import { exponentOf } from './dtype.js';
import { twoProduct, twoSum } from './eft.js';

/** `m·2^e`; zero, infinities and NaN are `{ m, e: 0 }` with m the value itself. */
export interface Scaled {
  readonly m: number;
  readonly e: number;
}

const TWO_64 = 2 ** 64;

/** frexp: x = m·2^e with m in [0.5, 1). */
export function toScaled(x: number): Scaled {
  if (x === 0 || !Number.isFinite(x)) return { m: x, e: 0 };
  const exponent = exponentOf(x);
  if (exponent === -1023) {
    const s = toScaled(x * TWO_64); // a binary64 subnormal: normalise first
    return { m: s.m, e: s.e - 64 };
  }
  return { m: x * 2 ** (-exponent - 1), e: exponent + 1 };
}

/** `m·2^e`, rounded once into binary64 (gradual underflow, overflow to ±∞). */
export function fromScaled(s: Scaled): number {
  if (s.m === 0 || !Number.isFinite(s.m)) return s.m;
  // Two exact steps and one rounding: the first keeps the value normal.
  const first = Math.max(Math.min(s.e, 1000), -1000);
  return s.m * 2 ** first * 2 ** (s.e - first);
}

const finite = (s: Scaled): boolean => s.m !== 0 && Number.isFinite(s.m);

/** A binary64 result of an operation on mantissas, shifted by `e`. */
function renormal(x: number, e: number): Scaled {
  const s = toScaled(x);
  return finite(s) ? { m: s.m, e: s.e + e } : s;
}

export function scaledMul(a: Scaled, b: Scaled): Scaled {
  return finite(a) && finite(b) ? renormal(a.m * b.m, a.e + b.e) : { m: a.m * b.m, e: 0 };
}

/** `a·b` exactly, as `hi + lo` (TwoProduct on the mantissas, which never overflows). */
export function scaledTwoProduct(a: Scaled, b: Scaled): [Scaled, Scaled] {
  if (!finite(a) || !finite(b)) return [scaledMul(a, b), { m: 0, e: 0 }];
  const { hi, lo } = twoProduct(a.m, b.m);
  return [renormal(hi, a.e + b.e), renormal(lo, a.e + b.e)];
}

export function scaledDiv(a: Scaled, b: Scaled): Scaled {
  if (finite(a) && finite(b)) return renormal(a.m / b.m, a.e - b.e);
  return b.m === 0 || !Number.isFinite(b.m) || !Number.isFinite(a.m)
    ? { m: fromScaled(a) / fromScaled(b), e: 0 }
    : { m: 0, e: 0 };
}

/** Both mantissas at the larger exponent (a term below 2^-1074 of the other vanishes). */
function aligned(a: Scaled, b: Scaled): [number, number, number] {
  const e = Math.max(a.e, b.e);
  return [a.m * 2 ** (a.e - e), b.m * 2 ** (b.e - e), e];
}

export function scaledAdd(a: Scaled, b: Scaled): Scaled {
  if (a.m === 0) return b;
  if (b.m === 0) return a;
  if (!finite(a) || !finite(b)) return { m: a.m + b.m, e: 0 };
  const [x, y, e] = aligned(a, b);
  return renormal(x + y, e);
}

export function scaledNeg(a: Scaled): Scaled {
  return { m: -a.m, e: a.e };
}

/** Sign of a − b, or NaN. */
export function scaledCompare(a: Scaled, b: Scaled): number {
  const d = scaledAdd(a, scaledNeg(b)).m;
  return Number.isNaN(d) ? NaN : Math.sign(d);
}

/** A compensated (TwoSum) running sum of scaled values, kept at the largest exponent seen. */
export class ScaledSum {
  private sum = 0;
  private compensation = 0;
  private e = -Infinity;
  private special = 0;

  add(v: Scaled): this {
    if (!Number.isFinite(v.m)) this.special += v.m;
    if (v.m === 0 || !Number.isFinite(v.m)) return this;
    if (v.e > this.e) {
      const shift = this.e === -Infinity ? 0 : 2 ** (this.e - v.e);
      [this.sum, this.compensation, this.e] = [this.sum * shift, this.compensation * shift, v.e];
    }
    const t = twoSum(this.sum, v.m * 2 ** (v.e - this.e));
    this.sum = t.hi;
    this.compensation += t.lo;
    return this;
  }

  value(): Scaled {
    if (this.special !== 0 || Number.isNaN(this.special)) return { m: this.special, e: 0 };
    return this.e === -Infinity ? { m: 0, e: 0 } : renormal(this.sum + this.compensation, this.e);
  }
}

/** Compensated sum of scaled values. */
export function scaledSum(values: readonly Scaled[]): Scaled {
  const acc = new ScaledSum();
  for (const v of values) acc.add(v);
  return acc.value();
}
