/**
 * One softmax row of the reference (spec/reference-engine.md#REF-10): logits shifted by their
 * maximum, exponentials, `s` and `log1p(s)`, the soft-cap (CAP-1) and its slope (CAP-2), as exact
 * rationals where they are rational and enclosures where they are not.
 */
import type { Arith } from '../losses/arith.js';
import type { IntervalArithmetic } from './arithmetic.js';
import { isSpecial, type Extended, type ExtendedArith } from './extended.js';

/**
 * A row shifted by its maximum: `d_c = x_c − m` exactly where it can be, `e_c = exp(d_c)`, `s`,
 * `log1p(s)`, the (capped) maximum `m` itself (for `lse = m + log1p(s)`, LSE-1), and, for a
 * capped row (CAP-1), the logits before the cap (CAP-2's slope).
 */
export interface Shifted<T> {
  readonly argmax: number;
  /** The logits before any cap, when the row was given as values (linear CE) or capped. */
  readonly logits?: readonly T[] | undefined;
  readonly d: T[];
  readonly e: T[];
  readonly s: T;
  readonly log1pS: T;
  readonly max: T;
  readonly cap?: number | undefined;
}

/** `e_j`, `s` and `log1p(s)` from the differences; the maximum's term is exactly 1 and left out of s. */
function exponentials<I>(
  arith: IntervalArithmetic<I>,
  ext: ExtendedArith<I>,
  d: Extended<I>[],
  argmax: number,
  tied: (j: number) => boolean,
): Pick<Shifted<Extended<I>>, 'e' | 's' | 'log1pS'> {
  const [zero, one] = [ext.of(0), ext.of(1)];
  const e = d.map((dj, j) =>
    tied(j) ? one : isSpecial(dj) ? ext.of(Math.exp(dj.special)) : ext.enclosed(arith.exp(ext.enclosure(dj))),
  );
  const s = e.reduce((acc, ej, j) => (j === argmax ? acc : ext.add(acc, ej)), zero);
  const log1pS = ext.isZero(s) ? zero : ext.enclosed(arith.log1p(ext.enclosure(s)));
  return { e, s, log1pS };
}

function argmaxOf(n: number, above: (a: number, b: number) => boolean): number {
  let argmax = 0;
  for (let j = 1; j < n; j++) if (above(j, argmax)) argmax = j;
  return argmax;
}

/**
 * Case logits without a cap (REF-10.2): `d_j` exactly 0 at the max, −∞ for a masked class
 * (CE-2.1), elsewhere the enclosure of a difference of two doubles, without BigInt work. It is
 * an output itself (`lp_c = d_c − log1p(s)`) exactly where `s = 0`, that is where every other
 * class is masked: then only the exact 0 and −∞ are left. Every other output is transcendental
 * (REF-10.5).
 */
export function shiftDoubles<I>(
  arith: IntervalArithmetic<I>,
  ext: ExtendedArith<I>,
  x: Float64Array,
): Shifted<Extended<I>> {
  const argmax = argmaxOf(x.length, (a, b) => x[a]! > x[b]!);
  const max = x[argmax]!;
  const m = ext.of(max);
  const mEnclosed = Number.isFinite(max) ? arith.fromDouble(max) : undefined;
  const d = Array.from(x, (v) =>
    v === max
      ? ext.sub(m, m)
      : mEnclosed !== undefined && Number.isFinite(v)
        ? ext.enclosed(arith.sub(arith.fromDouble(v), mEnclosed))
        : ext.sub(ext.of(v), m),
  );
  return { argmax, d, ...exponentials(arith, ext, d, argmax, (j) => x[j] === max), max: m };
}

/** CAP-1: `c·tanh(x/c)`, exactly 0 at 0 and `±c` at `±∞` (CAP-3). */
function capped<I>(arith: IntervalArithmetic<I>, ext: ExtendedArith<I>, x: Extended<I>, cap: number): Extended<I> {
  if (isSpecial(x)) return ext.of(Math.sign(x.special) * cap);
  if (ext.isZero(x)) return ext.of(0);
  const c = arith.fromDouble(cap);
  return ext.enclosed(arith.mul(c, arith.tanh(arith.div(ext.enclosure(x), c))));
}

/**
 * Capped case logits (CAP-1) or logits formed exactly (linear CE, LCE-2): the maximum of the
 * logits before the cap (tanh is increasing), `d_j` of the capped values, exactly 0 where a
 * logit equals the maximum.
 */
export function shiftGeneral<I>(
  arith: IntervalArithmetic<I>,
  ext: ExtendedArith<I>,
  x: Float64Array | readonly Extended<I>[],
  cap: number | undefined,
): Shifted<Extended<I>> {
  const doubles = x instanceof Float64Array ? x : undefined;
  const logits = doubles ? Array.from(doubles, (v) => ext.of(v)) : (x as readonly Extended<I>[]);
  const above = doubles
    ? (a: number, b: number) => doubles[a]! > doubles[b]!
    : (a: number, b: number) => ext.sign(ext.sub(logits[a]!, logits[b]!)) > 0;
  const argmax = argmaxOf(logits.length, above);
  const tied = logits.map((v, j) =>
    doubles ? doubles[j] === doubles[argmax] : ext.isZero(ext.sub(v, logits[argmax]!)),
  );
  const values = cap === undefined ? logits : logits.map((v) => capped(arith, ext, v, cap));
  const max = values[argmax]!;
  const d = values.map((v, j) => (tied[j] ? ext.of(0) : ext.sub(v, max)));
  return { argmax, logits, d, ...exponentials(arith, ext, d, argmax, (j) => tied[j]!), max, cap };
}

/** CAP-2: `1 − tanh²(y) = 4e/(1 + e)²`, `e = e^{−2|y|}`, `y = x/c`: exactly 1 at 0 and 0 at ±∞. */
export function capSlope<I>(
  arith: IntervalArithmetic<I>,
  ext: ExtendedArith<I>,
  x: Extended<I>,
  cap: number,
): Extended<I> {
  if (isSpecial(x)) return ext.of(Number.isNaN(x.special) ? NaN : 0);
  if (ext.isZero(x)) return ext.of(1);
  const c = arith.fromDouble(cap);
  const magnitude = ext.sign(x) > 0 ? ext.enclosure(x) : arith.neg(ext.enclosure(x));
  const e = arith.exp(arith.mul(arith.fromDouble(-2), arith.div(magnitude, c)));
  const onePlus = arith.add(arith.fromDouble(1), e);
  return ext.enclosed(arith.div(arith.mul(arith.fromDouble(4), e), arith.mul(onePlus, onePlus)));
}

/** Σ_{j≠c} v_j for every c, from prefix and suffix sums: no value subtracts itself. */
export function othersSums<T>(ext: Arith<T>, values: readonly T[]): T[] {
  const n = values.length;
  const prefix: T[] = [ext.of(0)];
  for (let j = 0; j < n - 1; j++) prefix.push(ext.add(prefix[j]!, values[j]!));
  const out: T[] = new Array(n);
  let suffix = ext.of(0);
  for (let c = n - 1; c >= 0; c--) {
    out[c] = ext.add(prefix[c]!, suffix);
    suffix = ext.add(suffix, values[c]!);
  }
  return out;
}
