/**
 * TOL-ACC.2: the table method's `e^x` against the certified reference, in ulps of its result.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { exp, FAST_EXP_MIN, FAST_EXP_ULPS, TABLE } from '../../src/numeric/exp.js';
import { ulpOf } from '../../src/numeric/ulp.js';
import type { IntervalArithmetic } from '../../src/reference/arithmetic.js';
import { createMpfrEngine } from '../../src/reference/mpfrEngine.js';
import { certifyValue } from '../../src/reference/ziv.js';
import { TEST_SEED } from '../setup.js';

const engine = await createMpfrEngine();
afterAll(() => engine.dispose());

/** (exp(x) − e^x)/ulp(exp(x)), certified: the error in ulps, rounded once. */
function ulpsOff(x: number): number {
  const y = exp(x);
  return certifyValue(engine, 'float64', (a) =>
    a.div(a.sub(a.fromDouble(y), a.exp(a.fromDouble(x))), a.fromDouble(ulpOf(y, 'float64'))),
  ).value;
}

const worst = (xs: readonly number[]): { x: number; ulps: number } =>
  xs.map((x) => ({ x, ulps: Math.abs(ulpsOff(x)) })).reduce((a, b) => (b.ulps > a.ulps ? b : a));

/** Points at both ends of each table interval: `(k ± ½)·ln2/32` for every `j = k mod 32`, at several scales. */
function intervalEnds(): number[] {
  const step = Math.LN2 / 32;
  const points: number[] = [];
  for (const m of [0, -1, -7, -300, -1021])
    for (let j = 0; j < 32; j++) {
      const k = 32 * m - j;
      for (const side of [-0.4999, 0.4999]) {
        const x = (k + side) * step;
        if (x >= FAST_EXP_MIN && x <= 0) points.push(x);
      }
    }
  return points;
}

describe('the table exponential (TOL-ACC.2)', () => {
  it('should hold 2^{j/32} as hi = RN(2^{j/32}) and lo = RN(2^{j/32} − hi), certified', () => {
    expect(TABLE).toHaveLength(32);
    TABLE.forEach(([hi, lo], j) => {
      const power = <I>(a: IntervalArithmetic<I>): I =>
        a.exp(a.mul(a.fromRational(BigInt(j), 32n), a.log(a.fromDouble(2))));
      expect(certifyValue(engine, 'float64', power).value, `2^(${j}/32)`).toBe(hi);
      expect(certifyValue(engine, 'float64', (a) => a.sub(power(a), a.fromDouble(hi))).value, `2^(${j}/32) − hi`).toBe(
        lo,
      );
    });
  });

  it(`should be within ${FAST_EXP_ULPS} ulp of e^x on sampled x in [−708, 0]`, () => {
    const xs = fc.sample(fc.double({ min: FAST_EXP_MIN, max: 0, noNaN: true }), { seed: TEST_SEED, numRuns: 2000 });
    const found = worst(xs);
    expect(found.ulps, `x = ${found.x}`).toBeLessThan(FAST_EXP_ULPS);
    // The final addition alone rounds by up to half an ulp: a sample set that never shows more is too small.
    expect(found.ulps).toBeGreaterThan(0.45);
  });

  it(`should be within ${FAST_EXP_ULPS} ulp at the ends of every table interval, where |r| is largest`, () => {
    const points = intervalEnds();
    expect(points.length).toBeGreaterThan(250);
    const found = worst(points);
    expect(found.ulps, `x = ${found.x}`).toBeLessThan(FAST_EXP_ULPS);
  });

  it('should be exact at 0 and keep 1 + x for tiny x, down to −708 and the smallest logits', () => {
    expect([exp(0), exp(-0), exp(-(2 ** -60)), exp(-1e-300)]).toEqual([1, 1, 1, 1]);
    expect(Math.abs(ulpsOff(-(2 ** -30)))).toBeLessThan(FAST_EXP_ULPS);
    expect(Math.abs(ulpsOff(FAST_EXP_MIN))).toBeLessThan(FAST_EXP_ULPS);
  });

  it('should be Math.exp outside [−708, 0]: the subnormal results, positive x, infinities and NaN', () => {
    for (const x of [-708.0000001, -745, -746, -Infinity, 1e-300, 1, 709, Infinity])
      expect(exp(x), `x = ${x}`).toBe(Math.exp(x));
    expect(exp(NaN)).toBeNaN();
  });
});
