/**
 * The coefficients `a_c` of one position (CE-3.3, LS-1, LS-2, CE-4.2, PRO-15) as unevaluated sums
 * of parts whose sum is exact, for `accurate`'s gradient at a tie (spec/tolerance.md#TOL-ACC.1).
 * There `W·p_c − a_c` cancels to first order in the logits' differences, below the rounding of
 * the coefficients themselves: smoothing 1 − 2^-53 over two classes makes the target's
 * `(1 − ε) + ε/2 = ½ + 2^-54`, which binary64 rounds to ½, and the exact gradient −2^-54 becomes
 * 0. So `1 − ε` stays `1 + (−ε)`, `ε/K` is `s + r/K` with `r = ε − K·s` exact (s = RN(ε/K)),
 * and every product with a target or a weight is a TwoProduct: only `r/K` rounds, by u²·ε/K.
 */
import type { ValidCase } from '../case/validate.js';
import type { Arith } from './arith.js';

type Exact<T> = Arith<T> & Required<Pick<Arith<T>, 'twoProduct'>>;

/** `parts·x`, each product held exactly as two parts. */
const times = <T>(arith: Exact<T>, parts: readonly T[], x: T): T[] => parts.flatMap((p) => arith.twoProduct(p, x));

/** `ε/K = s + r/K`: the quotient and its remainder `r = ε − K·s`, which is a double. */
function shareParts<T>(arith: Exact<T>, c: ValidCase): T[] {
  const [epsilon, k] = [arith.of(c.smoothing), arith.of(c.smoothingClasses)];
  const s = arith.div(epsilon, k);
  const [hi, lo] = arith.twoProduct(s, k);
  const remainder = arith.sub(arith.sub(epsilon, hi), lo); // ε − hi is exact (Sterbenz), r a double
  return [s, arith.div(remainder, k)];
}

/** Every class's `a_c` at position `i` (CE-1.1 numbering) as exact parts; `i` is not ignored. */
export function exactCoefficients<T>(c: ValidCase, arith: Exact<T>, i: number): T[][] {
  const share = c.smoothing === 0 ? [] : shareParts(arith, c);
  const keep = c.smoothing === 0 ? [arith.of(1)] : [arith.of(1), arith.neg(arith.of(c.smoothing))];
  const label = c.labels?.[i];
  const n = Math.floor(i / c.inner);
  const d = i % c.inner;
  return Array.from({ length: c.classes }, (_, j) => {
    const q =
      label === undefined
        ? [...times(arith, keep, arith.of(c.target[(n * c.classes + j) * c.inner + d]!)), ...share]
        : label === j
          ? [...keep, ...share]
          : share;
    const weighted = c.weight ? times(arith, q, arith.of(c.weight[j]!)) : q;
    return weighted.length === 0 ? [arith.of(0)] : weighted;
  });
}
