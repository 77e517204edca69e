/**
 * A permutation of the classes (CE-1.1): `π[j]` is where class j goes.
 */
import fc from 'fast-check';

export interface PermutationConstraints {
  readonly length: number;
}

export function permutation(c: PermutationConstraints): fc.Arbitrary<number[]> {
  const identity = Array.from({ length: c.length }, (_, j) => j);
  return fc.shuffledSubarray(identity, { minLength: c.length, maxLength: c.length });
}
