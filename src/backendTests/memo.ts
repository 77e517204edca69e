/**
 * Evaluating a case once per run: the `_expanded` twin of a node test holds the same data set,
 * so it is the same case, whatever its id.
 */
import type { LossCase } from '../case/types.js';

const bytes = (a: Float64Array | undefined): string | undefined =>
  a ? Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64') : undefined;

/** Everything that decides a case's values (FMT-1's fields but the id). */
export function caseKey(c: LossCase): string {
  const { loss, dtype, shape, targetKind, ignoreIndex, labelSmoothing, reduction, profile, outputs } = c;
  const arrays = [c.input, c.target, c.weight, c.posWeight].map(bytes);
  return JSON.stringify([
    loss,
    dtype,
    shape,
    targetKind,
    ignoreIndex,
    labelSmoothing,
    reduction,
    profile,
    outputs,
    arrays,
  ]);
}

export function memoByCase<C extends LossCase, T>(f: (c: C) => Promise<T>): (c: C) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (c) => {
    const key = caseKey(c);
    let value = cache.get(key);
    if (value === undefined) {
      value = f(c);
      cache.set(key, value);
    }
    return value;
  };
}
