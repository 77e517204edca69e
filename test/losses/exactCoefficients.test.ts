import { describe, expect, it } from 'vitest';
import { accurateKernels } from '../../src/losses/accurate.js';
import { exactCoefficients } from '../../src/losses/exactCoefficients.js';
import { fromScaled, scaledTwoProduct } from '../../src/numeric/scaled.js';
import { softmaxJson, valid } from '../__helpers__/cases.js';
import { dyadic, dyadicEquals, dyadicProduct, dyadicSum, type Dyadic } from '../__helpers__/exact.js';

const arith = { ...accurateKernels().arith, twoProduct: scaledTwoProduct };
const EPSILON = 1 - 2 ** -53;
/** The exact `a_c` of two classes with ε/2 (a double): `w·(t·(1 − ε) + ε/2)`. */
const exactly = (t: number, w = 1): Dyadic =>
  dyadicProduct(
    dyadic(w),
    dyadicSum(dyadicProduct(dyadic(t), dyadicSum(dyadic(1), dyadic(-EPSILON))), dyadic(EPSILON / 2)),
  );
const summed = (parts: readonly { m: number; e: number }[]): Dyadic =>
  dyadicSum(...parts.map((p) => dyadic(fromScaled(p))));

describe('exactCoefficients (TOL-ACC.1)', () => {
  it("should hold the target's (1 − ε) + ε/2 = ½ + 2^-54 exactly, which binary64 rounds to ½ (seed 20261130)", () => {
    const c = valid(softmaxJson({ shape: [1, 2], input: [100, 100], target: [0], labelSmoothing: EPSILON }));
    const [target, other] = exactCoefficients(c, arith, 0);
    expect(dyadicEquals(summed(target!), exactly(1))).toBe(true);
    expect(dyadicEquals(summed(other!), exactly(0))).toBe(true);
    expect(1 - EPSILON + EPSILON / 2).toBe(0.5); // what the rounded coefficient is
  });

  it('should multiply by class weights and probability targets exactly (TwoProduct)', () => {
    const t = [0.5 + 2 ** -30, 0.5 - 2 ** -30];
    const w = [3, 0.1];
    const json = { shape: [1, 2], input: [0, 0], targetKind: 'probability', target: t, weight: w };
    const c = valid(softmaxJson({ ...json, labelSmoothing: EPSILON }));
    exactCoefficients(c, arith, 0).forEach((parts, j) =>
      expect(dyadicEquals(summed(parts), exactly(t[j]!, w[j]!)), `class ${j}`).toBe(true),
    );
  });
});
