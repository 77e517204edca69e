/**
 * Reading and rewriting a case's JSON to build related cases: where class j of position i sits
 * (CE-1.1), the values of a field as numbers (FMT-1), and one position's own case (RED-1).
 */
import { decodeNumber, encodeNumber } from '../../../src/case/decode.js';
import { PROFILE_RULES } from '../../../src/case/profiles.js';
import { hasClassAxis, type LossName, type ProfileName } from '../../../src/case/types.js';
import type { CaseJson } from '../family.js';

export interface CaseLayout {
  /** Softmax CE and NLL: P of CE-1.1; binary losses: the per-position losses (elements, or rows: PRO-18). */
  readonly positions: number;
  /** C; 1 for the binary losses. */
  readonly classes: number;
  /** d1···dk, the stride between classes. */
  readonly inner: number;
  /** Binary losses: the elements one position averages (the last dimension under PRO-18, else 1); 1 otherwise. */
  readonly rowLength: number;
}

const product = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

export function layoutOf(json: CaseJson): CaseLayout {
  const shape = json.shape as number[];
  if (!hasClassAxis(json.loss as LossName)) {
    const rows = PROFILE_RULES[(json.profile as ProfileName | undefined) ?? 'torch'].binaryRowMean;
    if (rows && shape.length > 0)
      return { positions: product(shape.slice(0, -1)), classes: 1, inner: 1, rowLength: shape.at(-1)! };
    return { positions: product(shape), classes: 1, inner: 1, rowLength: 1 };
  }
  if (shape.length === 1) return { positions: 1, classes: shape[0]!, inner: 1, rowLength: 1 };
  const inner = product(shape.slice(2));
  return { positions: shape[0]! * inner, classes: shape[1]!, inner, rowLength: 1 };
}

/** The position whose loss input `k` feeds: its row (CE-1.1), or its element's row (PRO-18). */
export function positionOfInput(l: CaseLayout, k: number): number {
  if (l.rowLength !== 1) return Math.floor(k / l.rowLength);
  return Math.floor(k / (l.classes * l.inner)) * l.inner + (k % l.inner);
}

/** Storage index of class `j` at position `i` (CE-1.1). */
export function at(l: CaseLayout, i: number, j: number): number {
  return (Math.floor(i / l.inner) * l.classes + j) * l.inner + (i % l.inner);
}

/** The values of an array field as numbers, FMT-1's strings decoded ([] when absent). */
export function numbers(json: CaseJson, field: string): number[] {
  const values = (json[field] as readonly unknown[] | undefined) ?? [];
  return values.map((v, k) => decodeNumber(v, `${field}[${k}]`));
}

export const encoded = (xs: readonly number[]): (number | string)[] => xs.map(encodeNumber);

/** The storage indices of position `i`'s row: class by class, or a binary row's elements (PRO-18). */
export function rowIndices(l: CaseLayout, i: number): number[] {
  if (l.rowLength !== 1) return Array.from({ length: l.rowLength }, (_, j) => i * l.rowLength + j);
  return Array.from({ length: l.classes }, (_, j) => at(l, i, j));
}

/**
 * Position `i` alone, as a case of its own under `none` (RED-1): `[1, C]` with its row and label
 * (or its probability row), or the binary element (row, PRO-18: `[L]`) with its broadcast weight
 * and pos_weight.
 */
export function positionCase(json: CaseJson, i: number): CaseJson {
  const l = layoutOf(json);
  const pick = (field: string, indices: readonly number[]) => encoded(indices.map((k) => numbers(json, field)[k]!));
  const row = rowIndices(l, i);
  const broadcast = (field: string) =>
    json[field] === undefined
      ? {}
      : {
          [field]: pick(
            field,
            row.map((e) => e % numbers(json, field).length),
          ),
        };
  if (!hasClassAxis(json.loss as LossName)) {
    return {
      ...json,
      shape: [l.rowLength],
      input: pick('input', row),
      target: pick('target', row),
      ...broadcast('weight'),
      ...broadcast('posWeight'),
      reduction: 'none',
    };
  }
  const target = json.targetKind === 'probability' ? pick('target', row) : [(json.target as number[])[i]!];
  return { ...json, shape: [1, l.classes], input: pick('input', row), target, reduction: 'none' };
}
