/**
 * Rows of a softmax CE `[N, C]` or linear CE `[N, D]` case (spec/tolerance.md#TOL-INV.1): a case
 * made of some of its rows, in a given order, each with its label and upstream gradient, and
 * where a row's values sit in each output.
 */
import type { OutputName } from '../../../src/case/types.js';
import type { CaseJson } from '../family.js';
import { encoded, numbers } from '../invariants/layout.js';

/** Values per row of the input: C classes (softmax CE) or D hidden values (linear CE). */
const width = (json: CaseJson): number => (json.shape as number[])[1]!;

/** The classes of a row: C, or V = |W|/D for linear CE. */
function classes(json: CaseJson): number {
  return json.loss === 'linear_cross_entropy' ? (json.linearWeight as unknown[]).length / width(json) : width(json);
}

const pickRows = (values: readonly number[], size: number, rows: readonly number[]): number[] =>
  rows.flatMap((r) => values.slice(r * size, (r + 1) * size));

/** The case made of `rows` of `json` (under `none`: each row keeps its upstream gradient). */
export function selectRows(json: CaseJson, rows: readonly number[]): CaseJson {
  const w = width(json);
  const probability = json.targetKind === 'probability';
  const target = probability
    ? pickRows(numbers(json, 'target'), w, rows)
    : rows.map((r) => (json.target as number[])[r]!);
  return {
    ...json,
    shape: [rows.length, w],
    input: encoded(pickRows(numbers(json, 'input'), w, rows)),
    target,
    ...(json.upstream !== undefined && { upstream: encoded(pickRows(numbers(json, 'upstream'), 1, rows)) }),
  };
}

/** Where row `row`'s values are in `output` (per-row outputs only; the reduced ones have none). */
export function rowValueIndices(json: CaseJson, output: OutputName, row: number): number[] {
  const range = (size: number) => Array.from({ length: size }, (_, k) => row * size + k);
  switch (output) {
    case 'loss':
    case 'lse':
      return [row];
    case 'grad':
      return range(width(json));
    case 'logProb':
      return range(classes(json));
    default:
      return [];
  }
}
