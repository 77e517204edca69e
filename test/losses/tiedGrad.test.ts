import { describe, expect, it } from 'vitest';
import { isTiedRow, tiedRowGrad } from '../../src/losses/tiedGrad.js';
import { fromScaled, toScaled } from '../../src/numeric/scaled.js';
import { shiftRow } from '../../src/numeric/shiftedRow.js';

const row = (...x: number[]) => shiftRow(Float64Array.from(x));
const coefficients = (a: number[], unitMass = false) => ({
  a: a.map(toScaled),
  only: -1,
  mass: toScaled(unitMass ? 1 : a.reduce((s, v) => s + v, 0)),
  unitMass,
});

describe('tiedRowGrad (TOL-ACC.1)', () => {
  it('should take a row as tied when every unmasked logit is within 2^-26 of the maximum', () => {
    expect(isTiedRow(row(0, -(2 ** -26), -Infinity))).toBe(true);
    expect(isTiedRow(row(0, -(2 ** -25)))).toBe(false);
    expect(isTiedRow(row(1e300, 1e300))).toBe(true);
  });

  it('should keep the first-order term that exp(d) rounded to 1 loses: p − ½ = ∓δ/4 at δ = 2^-60', () => {
    const grad = tiedRowGrad(row(0, 2 ** -60), coefficients([0.5, 0.5])).map(fromScaled);
    expect(grad).toEqual([-(2 ** -62), 2 ** -62]);
  });

  it('should give exactly 0 at a tie with uniform coefficients, though n·a is not a double', () => {
    const a = 0.2; // 5·RN(0.2) = 1 + 2^-54
    expect(tiedRowGrad(row(0, 0, 0, 0, 0), coefficients(Array(5).fill(a))).map(fromScaled)).toEqual(Array(5).fill(0));
  });

  it("should form PRO-8's 1 − n·a exactly: (1 − 5·RN(0.2))/5 = −2^-54/5 at a tie", () => {
    const grad = tiedRowGrad(row(0, 0, 0, 0, 0), coefficients(Array(5).fill(0.2), true)).map(fromScaled);
    expect(grad).toEqual(Array(5).fill(-(2 ** -54) / 5));
  });

  it("should add ZL-3's 2·z·lse to W: (W + 2·zLse)·p_c − a_c, first-order term included", () => {
    const zLse = 0.375;
    const zMass = 2 * zLse;
    const exact = [(1 + zMass) / 2 - 0.5, (1 + zMass) / 2 - 0.5];
    const tied = tiedRowGrad(row(0, 0), { ...coefficients([0.5, 0.5]), zLse: toScaled(zLse) }).map(fromScaled);
    expect(tied).toEqual(exact);
    // p − ½ = ∓δ/4 at δ = 2^-60, times W + 2·zLse.
    const moved = tiedRowGrad(row(0, 2 ** -60), { ...coefficients([0.5, 0.5]), zLse: toScaled(zLse) });
    expect(moved.map(fromScaled)).toEqual([exact[0]! - (1 + zMass) * 2 ** -62, exact[1]! + (1 + zMass) * 2 ** -62]);
  });

  it('should give −a_c at a masked class and share p among the tied ones', () => {
    const grad = tiedRowGrad(row(0, -Infinity, 0), coefficients([0.25, 0.5, 0.25])).map(fromScaled);
    expect(grad).toEqual([0.25, -0.5, 0.25]);
  });
});
