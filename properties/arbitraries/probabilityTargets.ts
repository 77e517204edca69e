/**
 * Probability targets (CE-4.1) laid out like the input `[N, C, d1..dk]`, in the dtype.
 */
import fc from 'fast-check';
import type { Dtype } from '../../src/case/types.js';
import { roundTo } from '../../src/numeric/dtype.js';

export type TargetDistribution =
  /** exactly one 1 per position */
  | 'oneHot'
  /** non-negative, normalised before rounding into the dtype */
  | 'soft'
  /** any values in [−1, 2]: PyTorch does not normalise nor check (CE-4.1) */
  | 'unnormalised';

export interface ProbabilityTargetsConstraints {
  readonly dtype: Dtype;
  /** The input's shape: class axis 1, or `[C]`. */
  readonly shape: readonly number[];
  /** @defaultValue 'soft' */
  readonly distribution?: TargetDistribution;
  /**
   * The smallest nonzero magnitude; smaller values become 0. A target times a weight (≥ 2^-20,
   * weights.ts) then stays at least 2^-40, normal in float32, so no ordinary implementation's
   * coefficient w·t underflows to 0 — which would turn a masked class's term w·t·(−∞) = −∞ into
   * 0·(−∞) = NaN, an artefact of underflow no real target meets. @defaultValue 2^-20
   */
  readonly min?: number;
}

function row(dtype: Dtype, classes: number, distribution: TargetDistribution, min: number): fc.Arbitrary<number[]> {
  const round = (v: number): number => (Math.abs(v) < min ? 0 : roundTo(dtype)(v));
  if (distribution === 'oneHot')
    return fc.nat(classes - 1).map((hot) => Array.from({ length: classes }, (_, j) => (j === hot ? 1 : 0)));
  if (distribution === 'unnormalised')
    return fc.array(fc.double({ min: -1, max: 2, noNaN: true }).map(round), { minLength: classes, maxLength: classes });
  return fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: classes, maxLength: classes }).map((ws) => {
    const total = ws.reduce((a, b) => a + b, 0);
    return ws.map((w) => round(total > 0 ? w / total : 1 / classes));
  });
}

/** The target array in storage order (class stride d1···dk). */
export function probabilityTargets(constraints: ProbabilityTargetsConstraints): fc.Arbitrary<number[]> {
  const { shape, dtype } = constraints;
  const classes = shape.length === 1 ? shape[0]! : shape[1]!;
  const inner = shape.slice(2).reduce((a, b) => a * b, 1);
  const positions = shape.length === 1 ? 1 : shape[0]! * inner;
  const rows = fc.array(row(dtype, classes, constraints.distribution ?? 'soft', constraints.min ?? 2 ** -20), {
    minLength: positions,
    maxLength: positions,
  });
  return rows.map((rs) => {
    const out = new Array<number>(positions * classes);
    rs.forEach((r, i) => r.forEach((v, j) => (out[(Math.floor(i / inner) * classes + j) * inner + (i % inner)] = v)));
    return out;
  });
}
