/**
 * The reference's number type for the semantic drivers (spec/reference-engine.md#REF-10): an
 * exact rational, an enclosure of a real number, or an IEEE special value known exactly.
 *
 * - Rational parts of a loss (inputs, coefficients, sums of them, denominators) stay exact
 *   rationals, whatever the precision: an exactly cancelling combination (a tie row against a
 *   uniform target, `(1 − ε) + ε` with ε = 1e-277) is an exact 0, never an interval around 0
 *   that no precision settles.
 * - A rational meets an enclosure by being enclosed at the working precision.
 * - Specials combine as IEEE arithmetic does: spec/losses.md's special-value clauses (CE-2.2,
 *   CE-4.3, LS-2.1, RED-4, BCE-4, NLL-4) are stated in those terms.
 */
import type { Arith } from '../losses/arith.js';
import type { IntervalArithmetic } from './arithmetic.js';
import {
  addRational,
  compareRational,
  divRational,
  mulRational,
  negRational,
  rationalOfDouble,
  rationalParts,
  signOfRational,
  type Rational,
} from './exactRational.js';

export type Extended<I> = { readonly exact: Rational } | { readonly num: I } | { readonly special: number };

export function isSpecial<I>(v: Extended<I>): v is { readonly special: number } {
  return 'special' in v;
}

const isExact = <I>(v: Extended<I>): v is { readonly exact: Rational } => 'exact' in v;

/** IEEE's result with a special operand: a finite operand stands for any finite value of its sign. */
const representative = <I>(v: Extended<I>, sign: number): number => (isSpecial(v) ? v.special : sign);

export interface ExtendedArith<I> extends Arith<Extended<I>> {
  /** The enclosure of a finite value at the working precision. */
  enclosure(v: Extended<I>): I;
  /** Wrap an enclosure computed by a kernel. */
  enclosed(v: I): Extended<I>;
}

/** Arith over extended values at one working precision. */
export function extendedArith<I>(arith: IntervalArithmetic<I>): ExtendedArith<I> {
  const special = (v: number): Extended<I> => ({ special: v });
  // A coefficient meets every class of its row: enclose each rational once per precision.
  const enclosures = new WeakMap<Rational, I>();
  const enclosure = (v: Extended<I>): I => {
    if (isSpecial(v)) throw new RangeError(`no enclosure of ${v.special}`);
    if (!isExact(v)) return v.num;
    let e = enclosures.get(v.exact);
    if (e === undefined) enclosures.set(v.exact, (e = arith.fromRational(...rationalParts(v.exact))));
    return e;
  };
  const sign = (v: Extended<I>): number =>
    isSpecial(v) ? Math.sign(v.special) : isExact(v) ? signOfRational(v.exact) : arith.definiteSign(v.num);
  /** One rule per operation: exact on two rationals, enclosed otherwise, IEEE with a special. */
  const binary =
    (
      exact: (a: Rational, b: Rational) => Rational,
      enclosed: (a: I, b: I) => I,
      ieee: (a: Extended<I>, b: Extended<I>) => number,
      zero: (zero: Extended<I>, other: Extended<I>) => Extended<I>,
    ) =>
    (a: Extended<I>, b: Extended<I>): Extended<I> => {
      if (isSpecial(a) || isSpecial(b)) return special(ieee(a, b));
      if (isExact(a) && isExact(b)) return { exact: exact(a.exact, b.exact) };
      // An exact 0 with a finite enclosure: the exact result, without widening it.
      if (isExact(a) && a.exact.m === 0n) return zero(a, b);
      if (isExact(b) && b.exact.m === 0n) return zero(b, a);
      return { num: enclosed(enclosure(a), enclosure(b)) };
    };
  const ext: ExtendedArith<I> = {
    of: (x) => (Number.isFinite(x) ? { exact: rationalOfDouble(x) } : special(x)),
    add: binary(
      addRational,
      arith.add.bind(arith),
      (a, b) => representative(a, 0) + representative(b, 0),
      (_, other) => other,
    ),
    // ∞·0 is NaN; otherwise the signs multiply.
    mul: binary(
      mulRational,
      arith.mul.bind(arith),
      (a, b) => representative(a, sign(a)) * representative(b, sign(b)),
      (zero) => zero,
    ),
    sub: (a, b) => ext.add(a, ext.neg(b)),
    neg: (a) =>
      isSpecial(a) ? special(-a.special) : isExact(a) ? { exact: negRational(a.exact) } : { num: arith.neg(a.num) },
    div: (a, b) => {
      if (isSpecial(b)) return isSpecial(a) || Number.isNaN(b.special) ? special(NaN) : ext.of(0);
      if (isSpecial(a)) return special(a.special * (sign(b) || 1));
      if (sign(b) === 0) return special(sign(a) === 0 ? NaN : sign(a) * Infinity); // x/0 (RED-4, GRAD-3)
      if (isExact(a) && isExact(b)) return { exact: divRational(a.exact, b.exact) };
      return { num: arith.div(enclosure(a), enclosure(b)) };
    },
    max: larger,
    isZero: (a) => !isSpecial(a) && sign(a) === 0,
    sign: (a) => (isSpecial(a) && Number.isNaN(a.special) ? NaN : sign(a)),
    enclosure,
    enclosed: (v) => ({ num: v }),
  };
  /** The larger; NaN wins, as in the drivers' doubles. */
  function larger(a: Extended<I>, b: Extended<I>): Extended<I> {
    if (isExact(a) && isExact(b)) return compareRational(a.exact, b.exact) >= 0 ? a : b;
    if (!isSpecial(a) && !isSpecial(b)) return { num: arith.max(enclosure(a), enclosure(b)) };
    if ((isSpecial(a) && Number.isNaN(a.special)) || (isSpecial(b) && Number.isNaN(b.special))) return special(NaN);
    const infinite = isSpecial(a) ? a : (b as { special: number });
    const other = isSpecial(a) ? b : a;
    return infinite.special > 0 ? infinite : other;
  }
  return ext;
}
