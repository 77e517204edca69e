import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCase } from '../../src/case/decode.js';
import { DTYPES, LOSSES, PROFILES } from '../../src/case/types.js';
import { validateCase } from '../../src/case/validate.js';
import { lossCase, profileDefines } from '../../properties/arbitraries/lossCase.js';
import { LOGIT_REGIMES, logits } from '../../properties/arbitraries/logits.js';
import { isRepresentable } from '../../src/numeric/dtype.js';

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
