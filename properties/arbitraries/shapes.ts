/**
 * Input shapes with a class axis (CE-1): `[C]`, `[N, C]` and `[N, C, d1..dk]`.
 */
import fc from 'fast-check';

export interface ClassShape {
  readonly shape: number[];
  /** P of CE-1.1. */
  readonly positions: number;
  readonly classes: number;
}

export interface ClassShapeConstraints {
  /** @defaultValue 1 */
  readonly minClasses?: number;
  /** @defaultValue 6 */
  readonly maxClasses?: number;
  /** Largest N. @defaultValue 3 */
  readonly maxBatch?: number;
  /** Most trailing dimensions d1..dk. @defaultValue 2 */
  readonly maxSpatialRank?: number;
  /** Largest d_i. @defaultValue 3 */
  readonly maxSpatial?: number;
  /** Whether `[C]` alone may come. @defaultValue true */
  readonly allowUnbatched?: boolean;
  /** Whether N = 0 (an empty batch) may come. @defaultValue false */
  readonly allowEmpty?: boolean;
}

/** A shape `[N, C, d1..dk]` or `[C]`, shrinking toward one small row. */
export function classShape(constraints: ClassShapeConstraints = {}): fc.Arbitrary<ClassShape> {
  const classes = fc.integer({ min: constraints.minClasses ?? 1, max: constraints.maxClasses ?? 6 });
  const batch = fc.integer({ min: constraints.allowEmpty ? 0 : 1, max: constraints.maxBatch ?? 3 });
  const spatial = fc.array(fc.integer({ min: 1, max: constraints.maxSpatial ?? 3 }), {
    maxLength: constraints.maxSpatialRank ?? 2,
  });
  const batched = fc.tuple(batch, classes, spatial).map(([n, c, ds]) => ({
    shape: [n, c, ...ds],
    positions: n * ds.reduce((a, b) => a * b, 1),
    classes: c,
  }));
  if (constraints.allowUnbatched === false) return batched;
  const unbatched = classes.map((c) => ({ shape: [c], positions: 1, classes: c }));
  return fc.oneof({ weight: 4, arbitrary: batched }, { weight: 1, arbitrary: unbatched });
}
