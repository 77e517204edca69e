/**
 * Class-index targets (CE-3.1), some ignored (IGN-1).
 */
import fc from 'fast-check';

export interface ClassIndicesConstraints {
  readonly positions: number;
  readonly classes: number;
  /** The value that marks an ignored position; none when undefined. @defaultValue undefined */
  readonly ignoreIndex?: number | undefined;
  /**
   * Whether every position may be ignored at once (RED-4: mean NaN; GRAD-3's gradient is a
   * framework convention, checked by the `edges` family). @defaultValue false
   */
  readonly allowAllIgnored?: boolean;
}

/** One label per position, in [0, C) or the ignore index. */
export function classIndices(constraints: ClassIndicesConstraints): fc.Arbitrary<number[]> {
  const { positions, classes, ignoreIndex } = constraints;
  const label = fc.integer({ min: 0, max: classes - 1 });
  const entry =
    ignoreIndex === undefined
      ? label
      : fc.oneof({ weight: 4, arbitrary: label }, { weight: 1, arbitrary: fc.constant(ignoreIndex) });
  const labels = fc.array(entry, { minLength: positions, maxLength: positions });
  if (constraints.allowAllIgnored === true || ignoreIndex === undefined || positions === 0) return labels;
  // Keep one position a real label: set the first one's class when everything came out ignored.
  return fc
    .tuple(labels, label)
    .map(([ls, first]) => (ls.every((l) => l === ignoreIndex) ? [first, ...ls.slice(1)] : ls));
}
