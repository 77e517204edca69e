/**
 * The reference's linear CE gradients (spec/losses.md#LCE-3), arranged so that what cancels
 * exactly stays exact (spec/reference-engine.md#REF-10): an enclosure of an exact 0 never rounds
 * to one value, whatever the precision.
 * - Rows whose logits are equal (two zero rows of h, or rows that differ only where W is 0)
 *   share their transcendental parts; `gradWeight` and `gradBias` multiply those parts by an exact
 *   sum of the rows' rational coefficients: `Σ_n c_n·f_n·(W'·p_j − a_nj) = X·p_j − B_j`, which is
 *   `−B_j` exactly when `X = 0`, else `((X − B_j)·e_j − B_j·Σ_{i≠j} e_i)/(1 + s)` (no
 *   cancellation where `p_j` is near 1).
 * - `grad` sums a row's tied classes first and, uncapped, centres `Σ_j p_j·W_jk` on the
 *   maximum's weights, so a column of equal weights, or weights that cancel within a tie, give
 *   exact values (rowProduct).
 */
import type { ValidCase } from '../case/validate.js';
import type { LinearGradientInput, LinearGradients, LinearRowParts } from '../losses/kernels.js';
import type { IntervalArithmetic } from './arithmetic.js';
import { dyadicKey } from './exactRational.js';
import type { Extended, ExtendedArith } from './extended.js';
import { capSlope, othersSums, type Shifted } from './softmaxRow.js';

type Parts<I> = LinearRowParts<Extended<I>> & { readonly row: Shifted<Extended<I>> };

interface Group<I> {
  readonly row: Shifted<Extended<I>>;
  readonly members: { readonly n: number; readonly parts: Parts<I> }[];
}

const exactlyZero = <I>(v: Extended<I>): boolean => 'exact' in v && v.exact.m === 0n;

/** The exact logits as a key: rows with equal keys have equal transcendental parts. */
function keyOf<I>(row: Shifted<Extended<I>>): string {
  return row.logits!.map((v, j) => ('exact' in v ? dyadicKey(v.exact) : `?${j}`)).join(',');
}

function groups<I>(parts: readonly (LinearRowParts<Extended<I>> | undefined)[]): Group<I>[] {
  const byKey = new Map<string, Group<I>>();
  parts.forEach((p, n) => {
    if (p === undefined) return; // an ignored row: its gradient is 0
    const member = { n, parts: p as Parts<I> };
    const key = keyOf(member.parts.row);
    const group = byKey.get(key);
    if (group) group.members.push(member);
    else byKey.set(key, { row: member.parts.row, members: [member] });
  });
  return [...byKey.values()];
}

/** Σ over the group's rows of `coefficient(n)·g_n[j]`, for every class j. */
function block<I>(
  arith: IntervalArithmetic<I>,
  ext: ExtendedArith<I>,
  group: Group<I>,
  coefficient: (n: number) => Extended<I>,
): Extended<I>[] {
  const { row } = group;
  const zero = ext.of(0);
  let [x, z] = [zero, zero];
  const b = row.e.map(() => zero);
  for (const { n, parts } of group.members) {
    const cf = ext.mul(coefficient(n), parts.factor);
    x = ext.add(x, ext.mul(cf, parts.terms.mass));
    z = ext.add(z, cf);
    parts.terms.a.forEach((a, j) => {
      if (parts.terms.only < 0 || parts.terms.only === j) b[j] = ext.add(b[j]!, ext.mul(cf, a));
    });
  }
  const zLse = group.members[0]!.parts.terms.zLse;
  const pMass = zLse === undefined ? x : ext.add(x, ext.mul(z, ext.mul(ext.of(2), zLse)));
  const others = othersSums(ext, row.e);
  const denominator = ext.add(ext.of(1), row.s);
  const slope = row.cap === undefined ? undefined : row.logits!.map((v) => capSlope(arith, ext, v, row.cap!));
  return row.e.map((ej, j) => {
    const bj = b[j]!;
    const value = exactlyZero(pMass)
      ? ext.neg(bj)
      : ext.div(ext.sub(ext.mul(ext.sub(pMass, bj), ej), ext.mul(bj, others[j]!)), denominator);
    return slope ? ext.mul(value, slope[j]!) : value;
  });
}

/** Classes of a row with equal logits (ties): they share `e_j` and the slope. */
interface Tie {
  readonly members: number[];
}

function ties<I>(row: Shifted<Extended<I>>): { max: Tie; others: Tie[] } {
  const byKey = new Map<string, Tie>();
  row.logits!.forEach((v, j) => {
    const key = 'exact' in v ? dyadicKey(v.exact) : `?${j}`;
    const tie = byKey.get(key);
    if (tie) tie.members.push(j);
    else byKey.set(key, { members: [j] });
  });
  const all = [...byKey.values()];
  const max = all.find((t) => t.members.includes(row.argmax))!;
  return { max, others: all.filter((t) => t !== max) };
}

/**
 * `Σ_j g_j·W_jk` of one row, `g_j = f·slope_j·(M'·p_j − a_j)` with `M' = W + 2·z·lse`, summed
 * over ties first (`Ω_τ = Σ_{j∈τ} W_jk` and `A_τ = Σ_{j∈τ} a_j·W_jk`, exact). Uncapped, centred
 * on the maximum's ties `τm` (`c = Ω_τm/n_τm`): `M'·c − Σ_τ A_τ + M'·Σ_{τ≠τm} e_τ·(Ω_τ − n_τ·c)/(1 + s)`,
 * exact for a column of equal weights. Capped: `slope_τm·((M'·Ω_τm − n_τm·A_τm) − A_τm·s')/(1 + s)
 * + Σ_{τ≠τm} slope_τ·(M'·e_τ·Ω_τ/(1 + s) − A_τ)`, `s' = Σ_{τ≠τm} n_τ·e_τ`: no cancellation where
 * the maximum's `p` is near 1.
 */
function rowProduct<I>(
  arith: IntervalArithmetic<I>,
  ext: ExtendedArith<I>,
  parts: Parts<I>,
  w: Float64Array,
  d: number,
  k: number,
): Extended<I> {
  const { row, terms, factor } = parts;
  const weight = (j: number) => ext.of(w[j * d + k]!);
  const sum = (values: Extended<I>[]) => values.reduce((acc, v) => ext.add(acc, v), ext.of(0));
  const omega = (t: Tie) => sum(t.members.map(weight));
  const targets = (t: Tie) =>
    sum(t.members.filter((j) => terms.only < 0 || terms.only === j).map((j) => ext.mul(terms.a[j]!, weight(j))));
  const mass = terms.zLse === undefined ? terms.mass : ext.add(terms.mass, ext.mul(ext.of(2), terms.zLse));
  const denominator = ext.add(ext.of(1), row.s);
  const { max, others } = ties(row);
  const e = (t: Tie) => row.e[t.members[0]!]!;
  const n = (t: Tie) => ext.of(t.members.length);
  let value: Extended<I>;
  if (row.cap === undefined) {
    const c = ext.div(omega(max), n(max));
    const spread = sum(others.map((t) => ext.mul(e(t), ext.sub(omega(t), ext.mul(n(t), c)))));
    const allTargets = sum([max, ...others].map(targets));
    value = ext.add(ext.sub(ext.mul(mass, c), allTargets), ext.div(ext.mul(mass, spread), denominator));
  } else {
    const slope = (t: Tie) => capSlope(arith, ext, row.logits![t.members[0]!]!, row.cap!);
    const rest = sum(others.map((t) => ext.mul(n(t), e(t))));
    const top = ext.sub(ext.sub(ext.mul(mass, omega(max)), ext.mul(n(max), targets(max))), ext.mul(targets(max), rest));
    const terms2 = others.map((t) =>
      ext.mul(slope(t), ext.sub(ext.div(ext.mul(ext.mul(mass, e(t)), omega(t)), denominator), targets(t))),
    );
    value = ext.add(ext.mul(slope(max), ext.div(top, denominator)), sum(terms2));
  }
  return ext.mul(factor, value);
}

const indices = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

export function linearGradients<I>(
  arith: IntervalArithmetic<I>,
  ext: ExtendedArith<I>,
  c: ValidCase,
  input: LinearGradientInput<Extended<I>>,
): LinearGradients<Extended<I>> {
  const [d, classes] = [c.shape[1]!, c.classes];
  const [w, h] = [c.linearWeight!, c.input];
  const all = groups<I>(input.parts);
  const sumOver = (coefficient: (n: number) => Extended<I>) =>
    all.reduce(
      (acc, g) => {
        const values = block(arith, ext, g, coefficient);
        return acc.map((v, j) => ext.add(v, values[j]!));
      },
      indices(classes).map(() => ext.of(0)),
    );
  const asked = (o: 'grad' | 'gradWeight' | 'gradBias') => c.outputs.includes(o);
  const gradOf = (n: number, k: number): Extended<I> => {
    const parts = input.parts[n] as Parts<I> | undefined;
    return parts === undefined ? ext.of(0) : rowProduct(arith, ext, parts, w, d, k);
  };
  const columns = asked('gradWeight') ? indices(d).map((k) => sumOver((n) => ext.of(h[n * d + k]!))) : undefined;
  return {
    grad: asked('grad') ? indices(c.positions * d).map((at) => gradOf(Math.floor(at / d), at % d)) : undefined,
    gradWeight: columns ? indices(classes * d).map((at) => columns[at % d]![Math.floor(at / d)]!) : undefined,
    gradBias: asked('gradBias') ? sumOver(() => ext.of(1)) : undefined,
  };
}
