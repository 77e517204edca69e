import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCase } from '../../src/case/decode.js';
import { DTYPES, LOSSES, PROFILES } from '../../src/case/types.js';
import { validateCase } from '../../src/case/validate.js';
import { lossCase, profileDefines } from '../../properties/arbitraries/lossCase.js';
import { LOGIT_REGIMES, logits } from '../../properties/arbitraries/logits.js';
import { FORMATS, isRepresentable } from '../../src/numeric/dtype.js';
import { bigRow } from '../../properties/arbitraries/bigRow.js';
import { binaryCase } from '../../properties/arbitraries/binaryCase.js';
import { complementableTargets } from '../../properties/arbitraries/complementableTargets.js';
import { logitPairs } from '../../properties/arbitraries/logitPairs.js';
import { permutation } from '../../properties/arbitraries/permutation.js';
import { shiftableLogits } from '../../properties/arbitraries/shiftableLogits.js';
import { softmaxCase } from '../../properties/arbitraries/softmaxCase.js';
import { TEST_SEED } from '../setup.js';

describe('lossCase (FMT-2: valid by construction)', () => {
  it('should only produce cases their profile accepts, for every loss, dtype and profile', () => {
    for (const loss of LOSSES) {
      for (const profile of PROFILES.filter((p) => profileDefines(loss, p))) {
        for (const dtype of DTYPES) {
          fc.assert(
            fc.property(lossCase({ loss, dtype, profile }), (json) => {
              expect(() => validateCase(decodeCase(json))).not.toThrow();
            }),
            { numRuns: 25 },
          );
        }
      }
    }
  });
});

describe('logits (DT-2)', () => {
  it('should give dtype members of the requested length in every regime', () => {
    for (const dtype of DTYPES) {
      for (const regime of LOGIT_REGIMES) {
        fc.assert(
          fc.property(logits({ dtype, length: 7, classes: 7, regime }), (xs) => {
            expect(xs).toHaveLength(7);
            expect(xs.every((x) => isRepresentable(x, dtype))).toBe(true);
            expect(xs.some((x) => x !== -Infinity)).toBe(true);
          }),
          { numRuns: 20 },
        );
      }
    }
  });
});

describe('softmaxCase and logits: the arbitraries keep clear of artefacts (documented in each file)', () => {
  it('should keep every extreme row summable: P·C·16·span within the largest value', () => {
    for (const dtype of DTYPES) {
      fc.assert(
        fc.property(softmaxCase({ dtype, regime: 'extreme' }), (json) => {
          const c = validateCase(decodeCase(json));
          const finite = Array.from(c.input).filter(Number.isFinite);
          const span = Math.max(...finite) - Math.min(...finite);
          expect(16 * c.classes * Math.max(1, c.positions) * span).toBeLessThanOrEqual(FORMATS[dtype].maxFinite * 1.01);
        }),
        { numRuns: 30 },
      );
    }
  });

  it('should never mask every class of a row, whatever the layout (CE-2.2 is an edge)', () => {
    fc.assert(
      fc.property(softmaxCase({ dtype: 'float64', regime: 'masked' }), (json) => {
        const c = validateCase(decodeCase(json));
        for (let i = 0; i < c.positions; i++) {
          const row = Array.from(
            { length: c.classes },
            (_, j) => c.input[(Math.floor(i / c.inner) * c.classes + j) * c.inner + (i % c.inner)]!,
          );
          expect(row.some(Number.isFinite)).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('should give probability targets no magnitude below 2^-20 but 0', () => {
    fc.assert(
      fc.property(softmaxCase({ dtype: 'float64', targetKind: 'probability' }), (json) => {
        expect((json.target as number[]).every((t) => t === 0 || Math.abs(t) >= 2 ** -20)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('should bound binary logits so that w·pw·|x| summed over the elements stays finite', () => {
    for (const dtype of DTYPES) {
      fc.assert(
        fc.property(binaryCase({ dtype, loss: 'binary_cross_entropy_with_logits', values: 'extreme' }), (json) => {
          const c = validateCase(decodeCase(json));
          const largest = (xs: Float64Array | undefined) => (xs ? Math.max(...Array.from(xs, Math.abs)) : 1);
          const bound = c.positions * largest(c.weight) * largest(c.posWeight) * largest(c.input);
          expect(bound).toBeLessThanOrEqual(FORMATS[dtype].maxFinite * 1.01);
        }),
        { numRuns: 30 },
      );
    }
  });
});

describe("the invariants' arbitraries (exact related cases)", () => {
  it('should shift every logit exactly by its row offset (shiftableLogits)', () => {
    for (const dtype of DTYPES) {
      fc.assert(
        fc.property(shiftableLogits({ dtype, length: 6, positions: 2 }), ({ logits: xs, offsets }) => {
          expect(offsets.every((o) => o === 0 || Number.isInteger(Math.log2(Math.abs(o))))).toBe(true);
          for (const o of offsets)
            for (const x of xs) expect(isRepresentable(x + o, dtype) && isRepresentable(x, dtype)).toBe(true);
        }),
        { numRuns: 30 },
      );
    }
  });

  it('should give pairs (a, a + z) with a, z and a + z all dtype values (logitPairs)', () => {
    for (const dtype of DTYPES) {
      fc.assert(
        fc.property(logitPairs({ dtype, length: 4 }), ({ base, difference }) => {
          base.forEach((a, i) =>
            expect([a, difference[i]!, a + difference[i]!].every((v) => isRepresentable(v, dtype))).toBe(true),
          );
        }),
        { numRuns: 30 },
      );
    }
  });

  it('should give targets whose complements are dtype values (complementableTargets)', () => {
    for (const dtype of DTYPES) {
      fc.assert(
        fc.property(complementableTargets({ dtype, length: 5 }), (ys) => {
          expect(ys.every((y) => y >= 0 && y <= 1 && isRepresentable(y, dtype) && isRepresentable(1 - y, dtype))).toBe(
            true,
          );
        }),
        { numRuns: 30 },
      );
    }
  });

  it('should give permutations (permutation)', () => {
    fc.assert(
      fc.property(permutation({ length: 7 }), (order) => {
        expect([...order].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      }),
    );
  });

  it('should expand a big row from its description, the same every time, never masking the target (bigRow)', () => {
    const rows = fc.sample(bigRow({ dtype: 'bfloat16', classes: 512 }), { numRuns: 40, seed: TEST_SEED });
    expect(fc.sample(bigRow({ dtype: 'bfloat16', classes: 512 }), { numRuns: 40, seed: TEST_SEED })).toEqual(rows);
    const masked = rows.filter((json) => String(json.id).startsWith('big-row-masked-'));
    expect(masked.length, 'masked rows among 40').toBeGreaterThan(0);
    for (const json of rows) {
      const c = validateCase(decodeCase(json));
      expect(c.input).toHaveLength(512);
      expect(Array.from(c.input).every((x) => x === -Infinity || isRepresentable(x, 'bfloat16'))).toBe(true);
    }
    for (const json of masked) {
      const c = validateCase(decodeCase(json));
      expect(Array.from(c.input).filter((x) => x === -Infinity).length, String(json.id)).toBeGreaterThan(0);
      expect(Number.isFinite(c.input[c.target[0]!]), String(json.id)).toBe(true);
    }
  });
});
