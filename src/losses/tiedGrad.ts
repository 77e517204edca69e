/**
 * `accurate`'s softmax CE gradient on a row whose logits are tied with its maximum to within
 * 2^-26 (masked classes aside), spec/tolerance.md#TOL-ACC.1. There `W·p_c − a_c` vanishes
 * exactly for uniform coefficients (a smoothed or uniform target over tied logits), and the
 * exact value is first order in the logits' differences d_j: `exp(d_j)` rounds to 1 and loses
 * them, so the product form of accurate.ts returns 0 or noise of size u·M. With
 * `e_j = 1 + f_j`, `f_j = expm1(d_j)` held to its own digits, `n` unmasked classes and
 * `F = Σ f_j`, the numerator of `(W·e_c − a_c·S)/S` is
 *
 *     (W − n·a_c) + (W·f_c − a_c·F),   S = n + F,
 *
 * whose first part is exact (each of a_c's exact parts times n by TwoProduct, W the sum of every
 * class's parts: exactCoefficients.ts) and second is small.
 */
import {
  ScaledSum,
  scaledDiv,
  scaledMul,
  scaledNeg,
  scaledSum,
  scaledTwoProduct,
  toScaled,
  type Scaled,
} from '../numeric/scaled.js';
import type { ShiftedRow } from '../numeric/shiftedRow.js';
import { NeumaierSum } from '../numeric/sum.js';
import type { RowCoefficients } from './kernels.js';

/** Below it `exp(d)` keeps at most half of `d`'s digits in `1 + d` (TOL-ACC.1). */
const TIE = 2 ** -26;

/** Every class masked or within TIE of the maximum. */
export function isTiedRow(row: ShiftedRow): boolean {
  for (const d of row.hi) if (d !== -Infinity && d < -TIE) return false;
  return true;
}

/**
 * `W` as parts whose sum is exact: every class's exact coefficient parts, or 1 under PRO-8
 * `unit`; then ZL-3's `2·z·lse`, which the gradient adds to `W`.
 */
function massOf(coef: RowCoefficients<Scaled>, parts: readonly (readonly Scaled[])[]): Scaled[] {
  const z = coef.zLse ? [scaledMul(coef.zLse, toScaled(2))] : [];
  return [...(coef.unitMass ? [toScaled(1)] : parts.flat()), ...z];
}

/**
 * `W·p_c − a_c` of a tied row (isTiedRow) with every class's term (`coef.only < 0`), from the
 * coefficients' exact parts where offered (exactCoefficients.ts): a coefficient rounded before
 * `W − n·a_c` would lose the very difference the tie leaves.
 */
export function tiedRowGrad(row: ShiftedRow, coef: RowCoefficients<Scaled>): Scaled[] {
  const n = row.hi.reduce((count, d) => (d === -Infinity ? count : count + 1), 0);
  // f_j = expm1(hi_j + lo_j) to first order in lo_j (|lo_j| ≤ u·|hi_j|, so lo_j·f_j is below u²·|f_j|);
  // a masked class's (−1: its lo is 0) is neither summed nor read.
  const f = Array.from(row.hi, (d, j) => Math.expm1(d) + row.lo[j]!);
  const unmaskedSum = f.reduce((acc, fj, j) => (row.hi[j] === -Infinity ? acc : acc.add(fj)), new NeumaierSum());
  const sumF = unmaskedSum.value();
  const total = toScaled(n + sumF);
  const parts = coef.exactParts?.() ?? coef.a.map((a) => [a]);
  const mass = massOf(coef, parts);
  const leading = scaledSum(mass);
  return Array.from(row.hi, (d, c) => {
    const a = coef.a[c]!;
    if (d === -Infinity) return scaledNeg(scaledSum(parts[c]!)); // p_c = 0
    const numerator = new ScaledSum();
    for (const w of mass) numerator.add(w);
    for (const part of parts[c]!) for (const p of scaledTwoProduct(part, toScaled(n))) numerator.add(scaledNeg(p));
    numerator.add(scaledMul(leading, toScaled(f[c]!))).add(scaledNeg(scaledMul(a, toScaled(sumF))));
    return scaledDiv(numerator.value(), total);
  });
}
