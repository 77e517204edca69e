/**
 * A case as the hunt mutates it (spec/formats.md#CHK-7.2): the FMT-1 JSON with its number
 * arrays decoded, and where each row of classes lies in the input.
 */
import { decodeNumber, encodeNumber } from '../case/decode.js';
import { PROFILE_RULES } from '../case/profiles.js';
import { hasClassAxis, type Dtype, type LossName, type ProfileName } from '../case/types.js';
import { FORMATS, roundTo } from '../numeric/dtype.js';

export type CaseJson = Record<string, unknown>;

export interface Genome {
  /** Every other field, as in the JSON. */
  readonly json: CaseJson;
  readonly loss: LossName;
  readonly dtype: Dtype;
  readonly shape: readonly number[];
  readonly input: number[];
  readonly target: number[];
  readonly weight?: number[] | undefined;
  readonly posWeight?: number[] | undefined;
}

const ARRAYS = ['input', 'target', 'weight', 'posWeight'] as const;

function decodeArray(value: unknown, field: string): number[] | undefined {
  return Array.isArray(value) ? value.map((v, i) => decodeNumber(v, `${field}[${i}]`)) : undefined;
}

/** The genome of a valid case (the arbitraries' cases decode; anything else is a bug). */
export function toGenome(json: CaseJson): Genome {
  return {
    json,
    loss: json.loss as LossName,
    dtype: (json.dtype as Dtype | undefined) ?? 'float64',
    shape: json.shape as number[],
    input: decodeArray(json.input, 'input')!,
    target: decodeArray(json.target, 'target')!,
    weight: decodeArray(json.weight, 'weight'),
    posWeight: decodeArray(json.posWeight, 'posWeight'),
  };
}

/** Back to FMT-1 JSON; an array set to undefined drops its field. */
export function toJson(g: Genome): CaseJson {
  const json: CaseJson = { ...g.json, shape: [...g.shape] };
  for (const field of ARRAYS) {
    const values = g[field];
    if (values === undefined) delete json[field];
    else json[field] = values.map(encodeNumber);
  }
  return json;
}

/** Where the class rows are: position i's class j is `input[at(i, j)]` (CE-1.1). */
export interface Layout {
  readonly positions: number;
  readonly classes: number;
  at(i: number, j: number): number;
}

/**
 * The class rows of a softmax or NLL case; a binary case is one class per element, or, where
 * the profile means over the last axis (PRO-18), a row of its elements.
 */
export function layout(g: Genome): Layout {
  if (!hasClassAxis(g.loss)) {
    const profile = (g.json.profile as ProfileName | undefined) ?? 'torch';
    if (!PROFILE_RULES[profile].binaryRowMean || g.shape.length === 0)
      return { positions: g.input.length, classes: 1, at: (i) => i };
    const length = g.shape.at(-1)!;
    return {
      positions: g.shape.slice(0, -1).reduce((a, b) => a * b, 1),
      classes: length,
      at: (i, j) => i * length + j,
    };
  }
  const classes = g.shape.length === 1 ? g.shape[0]! : g.shape[1]!;
  const inner = g.shape.slice(2).reduce((a, b) => a * b, 1);
  const positions = classes === 0 ? 0 : g.input.length / classes;
  return { positions, classes, at: (i, j) => (Math.floor(i / inner) * classes + j) * inner + (i % inner) };
}

/** A value of the dtype: rounded (DT-2) and kept finite (an overflowing mutation saturates). */
export function member(dtype: Dtype, x: number): number {
  const max = FORMATS[dtype].maxFinite;
  return Math.min(max, Math.max(-max, roundTo(dtype)(x)));
}
