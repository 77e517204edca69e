import { describe, expect, it } from 'vitest';
import type { Answer } from '../../properties/families/invariants/answers.js';
import { upstreamDerivative } from '../../properties/families/invariants/finiteDifference.js';
import { judgeRelations, matching } from '../../properties/families/invariants/relations.js';

/** An answer with given values, expected values and one distance for every value. */
function answer(name: string, got: number[], expected: number[], distance: number): Answer {
  return {
    name,
    json: {},
    case: { dtype: 'float64' } as never,
    expected: { loss: Float64Array.from(expected) },
    got: { loss: Float64Array.from(got) },
    distance: () => distance,
  };
}

describe('judgeRelations (TOL-REL.2, TOL-REL.3)', () => {
  it('should pass answers related within their distances and fail beyond, saying which relation', () => {
    const a = answer('a', [1.001], [1], 0.001);
    expect(judgeRelations(matching('same', a, answer('b', [1], [1], 0.0005), 'loss'), 'stable').status).toBe('pass');
    const failed = judgeRelations(matching('same (X-1)', a, answer('b', [0.99], [1], 0.0005), 'loss'), 'stable');
    expect(failed).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(
        /^loss\[0\] = 1\.001 \(a\), against loss\[0\] = 0\.99 \(b\): same \(X-1\): off by .*TOL-REL\.2/,
      ),
    });
    // REP-1: the binary64 residual 1.001 − 0.99 in ulps of binary64 at 1.001 (2^-52), rounded up,
    // and its bits (TOL-2: log2(1 + ulps)).
    const ulps = Math.ceil((1.001 - 0.99) / 2 ** -52);
    expect(failed).toMatchObject({ ulps, bits: Math.log2(1 + ulps) });
  });

  it('should not judge a relation whose exact values are not all finite, and skip when none is judged', () => {
    const judged = judgeRelations(
      matching('same', answer('a', [NaN], [NaN], 0), answer('b', [3], [Infinity], 0), 'loss'),
      'stable',
    );
    expect(judged).toEqual({ status: 'skip', reason: expect.stringContaining('TOL-REL.3') });
  });

  it('should fail an answer that is NaN or infinite where the exact value is finite (TOL-LEVEL.2)', () => {
    const judged = judgeRelations(
      matching('same', answer('a', [Infinity], [5], 1), answer('b', [5], [5], 1), 'loss'),
      'stable',
    );
    expect(judged).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('loss[0] = Infinity (a) where the exact value is finite'),
      ulps: 2 ** 64,
      bits: 64,
    });
  });

  it('should scale and map the counterpart (matching)', () => {
    const a = answer('a', [2, 4], [2, 4], 0);
    const b = answer('b', [2, 1], [2, 1], 0);
    expect(
      judgeRelations(
        matching('swapped, doubled', a, b, 'loss', (i) => 1 - i, 2),
        'stable',
      ).status,
    ).toBe('pass');
  });
});

describe("finiteDifference's constant u·d/D (UP-2, TOL-REL.2)", () => {
  // Seed 20261129: upstream 6e-323, a target weight D ≈ 9.5e-7 and d ≈ −D: (u·d)/D underflowed to −0.
  it('should not underflow before the division: 6e-323 × (−D·0.99999942)/D is −6e-323', () => {
    const D = 9.536743164062506e-7;
    expect(upstreamDerivative(6e-323, -D * 0.9999994238217665, D)).toBe(-6e-323);
  });
});
