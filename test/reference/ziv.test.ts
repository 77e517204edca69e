import { describe, expect, it } from 'vitest';
import type { IntervalArithmetic } from '../../src/reference/arithmetic.js';
import { UndeterminedError, certifyValue, certifyValues } from '../../src/reference/ziv.js';
import { ENGINES, decimalEngine, mpfrEngine } from './engines.js';

describe.each(ENGINES.map((engine) => [engine.name, engine] as const))(
  'Ziv loop on the %s engine (REF-7)',
  (_, engine) => {
    it('should settle an exact result at the first attempt (REF-7.3, REF-7.5)', () => {
      const { value, stats } = certifyValue(engine, 'float64', (a) => a.fromRational(3n, 2n));
      expect(value).toBe(1.5);
      expect(stats).toEqual({ bits: 128, attempts: 1, evaluated: 1 });
    });

    it('should round an exact midpoint to even, however it is reached', () => {
      const { value } = certifyValue(engine, 'float64', (a) => a.fromRational(2n ** 53n + 1n, 2n ** 53n));
      expect(value).toBe(1);
      expect(certifyValue(engine, 'float16', (a) => a.add(a.fromDouble(2049), a.fromDouble(0))).value).toBe(2048);
    });

    it('should raise the precision until the enclosure rounds to one value (REF-7.1, REF-7.3)', () => {
      // ln(e^(2e−30) − e^(1e−30)) = ln(1e−30 + 1.5e−60 + …): undecided at 64 bits.
      const evaluate = <I>(a: IntervalArithmetic<I>): I =>
        a.log(a.sub(a.exp(a.fromDouble(2e-30)), a.exp(a.fromDouble(1e-30))));
      const { value, stats } = certifyValue(engine, 'float64', evaluate, { startBits: 64 });
      expect(value).toBe(Math.log(1e-30));
      expect(stats.attempts).toBeGreaterThan(1);
      expect(stats.bits).toBeGreaterThan(64);
    });

    it('should report undetermined at the cap with a typed error (REF-7.4)', () => {
      // log1p(x) − log1p(x) from two separate enclosures is exactly 0 but never collapses to [0, 0].
      const evaluate = <I>(a: IntervalArithmetic<I>): I =>
        a.sub(a.log1p(a.fromDouble(0.5)), a.log1p(a.fromDouble(0.5)));
      let thrown: unknown;
      try {
        certifyValue(engine, 'float64', evaluate, { maxBits: 512 });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(UndeterminedError);
      expect((thrown as UndeterminedError).code).toBe('undetermined');
      expect((thrown as UndeterminedError).bits).toBe(512);
      expect([...(thrown as UndeterminedError).unresolved]).toEqual([0]);
    });

    it('should re-evaluate only the values still open (REF-7.1, REF-7.5)', () => {
      // e^(2e−40) − e^(1e−40) straddles 0 at 128 bits (no error thrown, it just does not round).
      const requested: number[][] = [];
      const { values, stats } = certifyValues(engine, 'float64', 3, (a, indices) => {
        requested.push([...indices]);
        return [...indices].map((i) =>
          i === 1 ? a.sub(a.exp(a.fromDouble(2e-40)), a.exp(a.fromDouble(1e-40))) : a.fromDouble(i),
        );
      });
      expect([values[0], values[2]]).toEqual([0, 2]);
      // e^(2d) − e^d = d·(1 + 3d/2 + …) for the double d = 1e−40: it rounds to d.
      expect(values[1]).toBe(1e-40);
      expect(requested[0]).toEqual([0, 1, 2]);
      expect(requested.length).toBeGreaterThan(1);
      expect(requested.slice(1).every((indices) => indices.length === 1 && indices[0] === 1)).toBe(true);
      expect(stats.evaluated).toBe(3 + requested.length - 1);
    });

    it('should retry a whole batch that throws NeedMorePrecision', () => {
      const requested: number[][] = [];
      const { values } = certifyValues(engine, 'float64', 2, (a, indices) => {
        requested.push([...indices]);
        const tiny = a.sub(a.exp(a.fromDouble(2e-40)), a.exp(a.fromDouble(1e-40)));
        return [...indices].map((i) => (i === 0 ? a.log(tiny) : a.fromDouble(7)));
      });
      expect(values[1]).toBe(7);
      expect(requested[1]).toEqual([0, 1]);
    });

    it('should let errors other than NeedMorePrecision through', () => {
      expect(() => certifyValue(engine, 'float64', (a) => a.log(a.fromDouble(-1)))).toThrow(RangeError);
    });

    it('should certify a loss of 1e-304 next to logits of 700 (issue 3)', () => {
      // CE of [700.3, 0.1, −0.7] at target 0: log1p(e^(0.1−700.3) + e^(−0.7−700.3)).
      const loss = <I>(a: IntervalArithmetic<I>): I => {
        const m = a.fromDouble(700.3);
        const rest = a.add(a.exp(a.sub(a.fromDouble(0.1), m)), a.exp(a.sub(a.fromDouble(-0.7), m)));
        return a.log1p(rest);
      };
      const { value, stats } = certifyValue(engine, 'float64', loss);
      expect(value).toBeGreaterThan(1e-304);
      expect(value).toBeLessThan(2e-304);
      // Correct rounding has one answer (REF-5): the other engine's, by other arithmetic.
      const other = engine === decimalEngine ? mpfrEngine : decimalEngine;
      expect(value).toBe(certifyValue(other, 'float64', loss).value);
      expect(stats.bits).toBe(128);
    });
  },
);

describe('Ziv loop precision range (REF-7.2)', () => {
  it('should stop both engines at the same default cap of 3200 bits', () => {
    const exactZeroNeverCollapsing = <I>(a: IntervalArithmetic<I>): I =>
      a.sub(a.log1p(a.fromDouble(0.5)), a.log1p(a.fromDouble(0.5)));
    for (const engine of ENGINES) {
      expect(() => certifyValue(engine, 'float64', exactZeroNeverCollapsing)).toThrow(/at 3200 bits/);
    }
  });

  it('should clamp the starting precision to what the engine accepts', () => {
    expect(certifyValue(mpfrEngine, 'float32', (a) => a.fromDouble(1), { startBits: 8 }).stats.bits).toBe(53);
    expect(certifyValue(decimalEngine, 'float32', (a) => a.fromDouble(1), { startBits: 8 }).stats.bits).toBe(24);
  });
});
