/**
 * One softmax CE row of many classes (a vocabulary: 131072 by default), index target, loss only
 * (the certified reference needs seconds for such a row; its gradient, much longer). The row is
 * described by a few numbers — a regime, a seed, the target — and expanded by a PRNG, so that it
 * prints and replays as its description does; it is not shrunk (fc.noShrink): every evaluation
 * costs seconds, and the row's size is the point.
 */
import fc from 'fast-check';
import type { Dtype, ProfileName } from '../../src/case/types.js';
import { FORMATS, roundTo } from '../../src/numeric/dtype.js';
import type { CaseJson } from './softmaxCase.js';

export type BigRowRegime = 'moderate' | 'wide' | 'dominant' | 'ties' | 'masked';

export interface BigRowConstraints {
  readonly dtype: Dtype;
  /** @defaultValue 'torch' */
  readonly profile?: ProfileName;
  /** @defaultValue 131072 */
  readonly classes?: number;
}

/** mulberry32: a small deterministic PRNG in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The logits of a regime; class `keep` is never masked. */
function row(dtype: Dtype, classes: number, regime: BigRowRegime, seed: number, keep: number): number[] {
  const next = prng(seed);
  const round = roundTo(dtype);
  const uniform = (lo: number, hi: number) => round(lo + (hi - lo) * next());
  const gap = Math.min(800, FORMATS[dtype].maxFinite / 4);
  const tie = uniform(-50, 50);
  return Array.from({ length: classes }, (_, j) => {
    switch (regime) {
      case 'moderate':
        return uniform(-10, 10);
      case 'wide':
        return uniform(-1e4, 1e4);
      case 'dominant':
        return j === keep ? round(uniform(-2, 2) + gap * next()) : uniform(-2, 2);
      case 'ties':
        return tie;
      case 'masked':
        return j !== keep && next() < 0.9 ? -Infinity : uniform(-10, 10);
    }
  });
}

export function bigRow(c: BigRowConstraints): fc.Arbitrary<CaseJson> {
  const classes = c.classes ?? 131072;
  const description = fc.record({
    regime: fc.constantFrom<BigRowRegime>('moderate', 'wide', 'dominant', 'ties', 'masked'),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    target: fc.nat({ max: classes - 1 }),
    winner: fc.nat({ max: classes - 1 }),
    reduction: fc.constantFrom('mean', 'sum'),
  });
  return fc.noShrink(description).map((d) => ({
    id: `big-row-${d.regime}-${d.seed}`,
    loss: 'softmax_cross_entropy',
    dtype: c.dtype,
    profile: c.profile ?? 'torch',
    shape: [1, classes],
    input: row(c.dtype, classes, d.regime, d.seed, d.regime === 'masked' ? d.target : d.winner).map((x) =>
      x === -Infinity ? '-Infinity' : x,
    ),
    targetKind: 'index',
    target: [d.target],
    reduction: d.reduction,
    outputs: ['loss'],
  }));
}
