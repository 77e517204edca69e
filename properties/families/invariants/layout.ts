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
  /**
   * Binary losses: the elements one position averages (the last dimension under PRO-18, else 1);
   * linear CE: D, the values of h one position reads (LCE-1); 1 otherwise.
   */
  readonly rowLength: number;
  /** A position's inputs are `rowLength` consecutive values (binary, linear CE), not classes at stride `inner` (CE-1.1). */
  readonly byRow: boolean;
}

const product = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

export function layoutOf(json: CaseJson): CaseLayout {
  const shape = json.shape as number[];
  // LCE-1: N rows of h, each D consecutive values; V = |W|/D classes.
  if (json.loss === 'linear_cross_entropy') {
    const [rows, hidden] = shape as [number, number];
    return {
      positions: rows,
      classes: numbers(json, 'linearWeight').length / hidden,
      inner: 1,
      rowLength: hidden,
      byRow: true,
    };
  }
  if (!hasClassAxis(json.loss as LossName)) {
    const rows = PROFILE_RULES[(json.profile as ProfileName | undefined) ?? 'torch'].binaryRowMean;
    if (rows && shape.length > 0)
      return { positions: product(shape.slice(0, -1)), classes: 1, inner: 1, rowLength: shape.at(-1)!, byRow: true };
    return { positions: product(shape), classes: 1, inner: 1, rowLength: 1, byRow: true };
  }
  if (shape.length === 1) return { positions: 1, classes: shape[0]!, inner: 1, rowLength: 1, byRow: false };
  const inner = product(shape.slice(2));
  return { positions: shape[0]! * inner, classes: shape[1]!, inner, rowLength: 1, byRow: false };
}

/** The position whose loss input `k` feeds: its row (CE-1.1), or its element's row (PRO-18). */
export function positionOfInput(l: CaseLayout, k: number): number {
  if (l.byRow) return Math.floor(k / l.rowLength);
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

/** UP-1: the upstream gradient of position `i` (1 when absent). */
export function upstreamAt(json: CaseJson, i: number): number {
  const u = numbers(json, 'upstream');
  return u.length === 0 ? 1 : u[json.reduction === 'none' ? i : 0]!;
}

/** The case under another reduction, its upstream gradient resized (UP-1): per position under none, one value otherwise. */
export function withReduction(json: CaseJson, reduction: 'none' | 'mean' | 'sum'): CaseJson {
  if (json.upstream === undefined) return { ...json, reduction };
  const positions = layoutOf(json).positions;
  const first = upstreamAt(json, 0);
  const upstream =
    reduction !== 'none'
      ? [first]
      : json.reduction === 'none'
        ? numbers(json, 'upstream')
        : Array<number>(positions).fill(first);
  return { ...json, reduction, upstream: encoded(upstream) };
}

/** The storage indices of position `i`'s row: class by class, or its consecutive inputs (PRO-18, LCE-1). */
export function rowIndices(l: CaseLayout, i: number): number[] {
  if (l.byRow) return Array.from({ length: l.rowLength }, (_, j) => i * l.rowLength + j);
  return Array.from({ length: l.classes }, (_, j) => at(l, i, j));
}

/**
 * Position `i` alone, as a case of its own under `none` (RED-1): `[1, C]` with its row and label
 * (or its probability row), linear CE's `[1, D]` row of h (LCE-1), or the binary element (row,
 * PRO-18: `[L]`) with its broadcast weight and pos_weight; its upstream value with it (UP-1).
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
  const upstream = json.upstream === undefined ? {} : { upstream: encoded([upstreamAt(json, i)]) };
  if (!hasClassAxis(json.loss as LossName) && json.loss !== 'linear_cross_entropy') {
    return {
      ...json,
      shape: [l.rowLength],
      input: pick('input', row),
      target: pick('target', row),
      ...broadcast('weight'),
      ...broadcast('posWeight'),
      ...upstream,
      reduction: 'none',
    };
  }
  const target = json.targetKind === 'probability' ? pick('target', row) : [(json.target as number[])[i]!];
  const shape = json.loss === 'linear_cross_entropy' ? [1, l.rowLength] : [1, l.classes];
  return { ...json, shape, input: pick('input', row), target, ...upstream, reduction: 'none' };
}
