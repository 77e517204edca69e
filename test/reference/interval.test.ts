import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DTYPES } from '../../src/case/types.js';
import type { IntervalArithmetic } from '../../src/reference/arithmetic.js';
import { exactDecimal } from '../../src/reference/exact.js';
import { roundExact } from '../../src/reference/rounding.js';
import { ENGINES, Exact, enclosureAt, exactFromDecimal, fastEngine, openFlags } from './engines.js';

/** An arithmetic expression over doubles whose exact value is a finite dyadic. */
type Tree =
  | { op: 'leaf'; x: number }
  | { op: 'add' | 'sub' | 'mul' | 'max' | 'exactDiv'; a: Tree; b: Tree }
  | { op: 'neg'; a: Tree };

/** Doubles with few significant bits and spread exponents, so results often sit on midpoints. */
const leaf = fc
  .record({ m: fc.integer({ min: -4096, max: 4096 }), e: fc.integer({ min: -40, max: 40 }) })
  .map(({ m, e }): Tree => ({ op: 'leaf', x: m * 2 ** e }));

const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((self) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({
      op: fc.constantFrom('add', 'sub', 'mul', 'max', 'exactDiv'),
      a: self('node'),
      b: self('node'),
    }) as fc.Arbitrary<Tree>,
    fc.record({ op: fc.constant('neg'), a: self('node') }) as fc.Arbitrary<Tree>,
  ),
})).node;

function evaluateTree<I>(arith: IntervalArithmetic<I>, t: Tree): I {
  switch (t.op) {
    case 'leaf':
      return arith.fromDouble(t.x);
    case 'neg':
      return arith.neg(evaluateTree(arith, t.a));
    case 'exactDiv': {
      // (a·b)/b with b ≠ 0: an exact quotient reached through a rounded product.
      const b = evaluateTree(arith, t.b);
      const divisor = arith.sign(b) === 0 || arith.sign(b) === undefined ? arith.fromDouble(3) : b;
      return arith.div(arith.mul(evaluateTree(arith, t.a), divisor), divisor);
    }
    default:
      return arith[t.op](evaluateTree(arith, t.a), evaluateTree(arith, t.b));
  }
}

/** The exact value, in 10^4-digit decimal arithmetic (exact for these trees). */
function exactTree(t: Tree): InstanceType<typeof Exact> {
  switch (t.op) {
    case 'leaf':
      return exactDecimal(t.x, Exact);
    case 'neg':
      return exactTree(t.a).neg();
    case 'exactDiv':
      return exactTree(t.a);
    case 'max':
      return Exact.max(exactTree(t.a), exactTree(t.b));
    default:
      return exactTree(t.a)[t.op](exactTree(t.b));
  }
}

/** Rounding runs per engine: most must be decided at the lowest precision, or the check says little. */
const RUNS = 3000;

describe('interval layer soundness at low precision (REF-1.1, REF-1.2, REF-1.3, REF-3.1, REF-3.2, REF-8.3, REF-12.2)', () => {
  // Each engine at its lowest precision, where enclosures are widest and ends most often inexact.
  for (const engine of [...ENGINES, fastEngine]) {
    it(`should enclose the exact value, with truthful open ends, in the ${engine.name} engine`, () => {
      fc.assert(
        fc.property(tree, (t) => {
          const exact = exactTree(t);
          let flags = { loOpen: false, hiOpen: false };
          const enclosure = enclosureAt(engine, engine.minBits, (arith) => {
            const value = evaluateTree(arith, t);
            flags = openFlags(value);
            return value;
          });
          expect(enclosure.lo.lte(exact) && exact.lte(enclosure.hi)).toBe(true);
          if (flags.loOpen) expect(enclosure.lo.lt(exact)).toBe(true);
          if (flags.hiOpen) expect(exact.lt(enclosure.hi)).toBe(true);
        }),
        { numRuns: 1500 },
      );
    });

    it(`should never round to a wrong value in the ${engine.name} engine, and decide most cases (REF-5.1)`, () => {
      let decided = 0;
      fc.assert(
        fc.property(tree, fc.constantFrom(...DTYPES), (t, dtype) => {
          const expected = roundExact(exactFromDecimal(exactTree(t)), dtype);
          const rounded = engine.run(engine.minBits, (arith) => arith.round(evaluateTree(arith, t), dtype));
          if (rounded === undefined) return;
          decided++;
          expect(Object.is(rounded, expected)).toBe(true);
        }),
        { numRuns: RUNS },
      );
      expect(decided, 'cases decided at the lowest precision').toBeGreaterThan(RUNS / 2);
    });
  }
});
