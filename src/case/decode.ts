/**
 * JSON ↔ case: decoding fills the documented defaults and checks field types and names
 * (spec/formats.md#FMT-1); the loss's own rules are validate.ts's.
 */
import { LossInputError } from './errors.js';
import { DTYPES, LOSSES, OUTPUTS, PROFILES, REDUCTIONS, TARGET_KINDS, hasClassAxis, type LossCase } from './types.js';

const FIELDS = new Set([
  'id',
  'loss',
  'dtype',
  'shape',
  'input',
  'targetKind',
  'target',
  'weight',
  'posWeight',
  'ignoreIndex',
  'labelSmoothing',
  'reduction',
  'profile',
  'outputs',
  'zLoss',
  'logitSoftcap',
  'upstream',
  'linearWeight',
  'linearBias',
]);

const SPECIAL_NUMBERS: Readonly<Record<string, number>> = {
  NaN: NaN,
  Infinity: Infinity,
  '-Infinity': -Infinity,
  '-0': -0,
};

/** A JSON number or one of the FMT-1 strings. */
export function decodeNumber(value: unknown, field: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value in SPECIAL_NUMBERS) return SPECIAL_NUMBERS[value]!;
  throw new LossInputError(
    'malformed',
    field,
    'FMT-1',
    `expected a number or "NaN", "Infinity", "-Infinity", "-0", got ${JSON.stringify(value)}`,
  );
}

/** The FMT-1 encoding of a number: JSON numbers where JSON has them, strings otherwise. */
export function encodeNumber(x: number): number | string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Object.is(x, -0)) return '-0';
  return x;
}

/** Straight into a typed array: one test per element, the field's name built only for an error. */
function decodeArray(value: unknown, field: string): Float64Array {
  if (!Array.isArray(value)) {
    throw new LossInputError('malformed', field, 'FMT-1', `expected an array, got ${JSON.stringify(value)}`);
  }
  const out = new Float64Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    out[i] = typeof v === 'number' ? v : decodeNumber(v, `${field}[${i}]`);
  }
  return out;
}

/** A name field: a string (else `malformed`) naming one of `allowed` (else `code`). */
function decodeEnum<T extends string>(
  value: unknown,
  field: string,
  allowed: readonly T[],
  code: LossInputError['code'],
): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new LossInputError(code, field, 'FMT-1', `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
}

function decodeShape(value: unknown): number[] {
  if (!Array.isArray(value) || !value.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new LossInputError(
      'malformed',
      'shape',
      'FMT-1.2',
      `expected an array of non-negative integers, got ${JSON.stringify(value)}`,
    );
  }
  return value as number[];
}

/** The id of a case-like value, for the result line of a case that fails to decode. */
export function caseId(raw: unknown): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : '';
}

function optional<T>(o: Record<string, unknown>, key: string, decode: (v: unknown) => T): T | undefined {
  return o[key] === undefined ? undefined : decode(o[key]);
}

const NAME_FIELDS = ['loss', 'dtype', 'targetKind', 'reduction', 'profile'] as const;

/** FMT-4's `malformed` stage: every field of the right JSON type, before any name is looked up. */
function checkTypes(o: Record<string, unknown>): void {
  const malformed = (field: string, detail: string) => new LossInputError('malformed', field, 'FMT-1', detail);
  if (typeof o.id !== 'string' && typeof o.id !== 'number') throw malformed('id', 'every case needs a string id');
  if (o.loss === undefined) throw malformed('loss', 'every case names its loss');
  for (const field of NAME_FIELDS) {
    if (o[field] !== undefined && typeof o[field] !== 'string')
      throw malformed(field, `expected a name, got ${JSON.stringify(o[field])}`);
  }
  decodeShape(o.shape);
  const outputs = o.outputs;
  if (
    outputs !== undefined &&
    (!Array.isArray(outputs) || outputs.length === 0 || !outputs.every((v) => typeof v === 'string'))
  ) {
    throw malformed('outputs', `expected a non-empty array of names, got ${JSON.stringify(outputs)}`);
  }
}

/** Decode one case object in FMT-4's order of checks. Throws `LossInputError` naming the field. */
export function decodeCase(raw: unknown): LossCase {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new LossInputError('malformed', 'case', 'FMT-1', 'a case is a JSON object');
  }
  const o = raw as Record<string, unknown>;
  const unknown = Object.keys(o).find((k) => !FIELDS.has(k));
  if (unknown !== undefined) throw new LossInputError('unknown_field', unknown, 'FMT-1.1', 'not a field of a case');
  checkTypes(o);
  const arrays = {
    input: decodeArray(o.input, 'input'),
    target: decodeArray(o.target, 'target'),
    weight: optional(o, 'weight', (v) => decodeArray(v, 'weight')),
    posWeight: optional(o, 'posWeight', (v) => decodeArray(v, 'posWeight')),
    ignoreIndex: optional(o, 'ignoreIndex', (v) => decodeNumber(v, 'ignoreIndex')),
    labelSmoothing: o.labelSmoothing === undefined ? 0 : decodeNumber(o.labelSmoothing, 'labelSmoothing'),
    zLoss: o.zLoss === undefined ? 0 : decodeNumber(o.zLoss, 'zLoss'),
    logitSoftcap: optional(o, 'logitSoftcap', (v) => decodeNumber(v, 'logitSoftcap')),
    upstream: optional(o, 'upstream', (v) => decodeArray(v, 'upstream')),
    linearWeight: optional(o, 'linearWeight', (v) => decodeArray(v, 'linearWeight')),
    linearBias: optional(o, 'linearBias', (v) => decodeArray(v, 'linearBias')),
  };
  const loss = decodeEnum(o.loss, 'loss', LOSSES, 'unknown_loss');
  if (loss === 'linear_cross_entropy' && arrays.linearWeight === undefined)
    throw new LossInputError(
      'malformed',
      'linearWeight',
      'LCE-1',
      'linear_cross_entropy needs the classifier weight W',
    );
  const dtype = o.dtype === undefined ? 'float64' : decodeEnum(o.dtype, 'dtype', DTYPES, 'unknown_dtype');
  const profile = o.profile === undefined ? 'torch' : decodeEnum(o.profile, 'profile', PROFILES, 'unknown_profile');
  return {
    id: String(o.id),
    loss,
    dtype,
    shape: o.shape as number[],
    ...arrays,
    targetKind:
      o.targetKind === undefined
        ? hasClassAxis(loss) || loss === 'linear_cross_entropy'
          ? 'index'
          : 'probability'
        : decodeEnum(o.targetKind, 'targetKind', TARGET_KINDS, 'unknown_value'),
    reduction: o.reduction === undefined ? 'mean' : decodeEnum(o.reduction, 'reduction', REDUCTIONS, 'unknown_value'),
    profile,
    outputs:
      o.outputs === undefined
        ? ['loss']
        : (o.outputs as unknown[]).map((v, i) => decodeEnum(v, `outputs[${i}]`, OUTPUTS, 'unknown_value')),
  };
}

const encodeArray = (a: ArrayLike<number>): (number | string)[] => Array.from(a, encodeNumber);

/** The JSON object of a decoded case, every default written out (FMT-1, FMT-5.2). */
export function encodeCase(c: LossCase): Record<string, unknown> {
  return {
    id: c.id,
    loss: c.loss,
    dtype: c.dtype,
    shape: [...c.shape],
    input: encodeArray(c.input),
    targetKind: c.targetKind,
    target: encodeArray(c.target),
    ...(c.weight && { weight: encodeArray(c.weight) }),
    ...(c.posWeight && { posWeight: encodeArray(c.posWeight) }),
    ...(c.ignoreIndex !== undefined && { ignoreIndex: c.ignoreIndex }),
    labelSmoothing: encodeNumber(c.labelSmoothing),
    reduction: c.reduction,
    profile: c.profile,
    outputs: [...c.outputs],
    ...(c.zLoss !== 0 && { zLoss: encodeNumber(c.zLoss) }),
    ...(c.logitSoftcap !== undefined && { logitSoftcap: encodeNumber(c.logitSoftcap) }),
    ...(c.upstream && { upstream: encodeArray(c.upstream) }),
    ...(c.linearWeight && { linearWeight: encodeArray(c.linearWeight) }),
    ...(c.linearBias && { linearBias: encodeArray(c.linearBias) }),
  };
}
