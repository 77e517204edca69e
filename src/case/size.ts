/**
 * How many values a case carries (spec/formats.md#FMT-1's arrays), decoded or as JSON: what an
 * evaluation's time grows with (FMT-5.3's timeouts) and what makes the reference's outcome worth
 * keeping on disk (CLI-9).
 */
import type { LossCase } from './types.js';

/** The fields of a case that hold one value per element; `shape` and `outputs` are not values. */
const VALUE_FIELDS = ['input', 'target', 'weight', 'posWeight', 'upstream', 'linearWeight', 'linearBias'] as const;

type ValueFields = Partial<Record<(typeof VALUE_FIELDS)[number], unknown>>;

/** The values of every array field of `c`: typed arrays once decoded, plain arrays in JSON. */
export function valueCount(c: ValueFields | LossCase): number {
  let count = 0;
  for (const field of VALUE_FIELDS) {
    const values: unknown = (c as ValueFields)[field];
    if (Array.isArray(values) || values instanceof Float64Array) count += values.length;
  }
  return count;
}
