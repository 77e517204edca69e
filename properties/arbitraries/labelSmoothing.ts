/**
 * Label smoothing ε (LS-1), often 0 and 1, valid under every profile when in [0, 1] (PRO-4).
 */
import fc from 'fast-check';

export interface LabelSmoothingConstraints {
  /**
   * The smallest nonzero ε. Below about 2^-20 smoothing changes nothing measurable, while its
   * share ε/K underflows in narrow dtypes and turns a masked class's `share·(−∞)` into `0·(−∞)`:
   * an artefact no real configuration meets. @defaultValue 2^-20
   */
  readonly min?: number;
  /** @defaultValue 1 */
  readonly max?: number;
}

export function labelSmoothing(constraints: LabelSmoothingConstraints = {}): fc.Arbitrary<number> {
  const min = constraints.min ?? 2 ** -20;
  const max = constraints.max ?? 1;
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
    { weight: 4, arbitrary: fc.double({ min, max, noNaN: true }) },
  );
}
