/**
 * Result lines (spec/formats.md#FMT-3): encoding for output, decoding what plug-ins answer. An
 * answer that is not a result is an ImplementationFault naming its kind (FMT-5.3).
 */
import { decodeNumber, encodeNumber } from './decode.js';
import { ImplementationFault, LossInputError } from './errors.js';
import { OUTPUTS, type CaseResult, type LossValues } from './types.js';

/** The JSON object of a result (numbers as FMT-1 says). */
export function encodeResult(r: CaseResult): Record<string, unknown> {
  if ('error' in r || 'unsupported' in r) return { ...r };
  const out: Record<string, unknown> = { id: r.id };
  for (const field of OUTPUTS) {
    const values = r[field];
    if (values) out[field] = Array.from(values, encodeNumber);
  }
  return out;
}

const brief = (value: unknown): string => (JSON.stringify(value) ?? String(value)).slice(0, 120);

/** Array-likes of numbers (or FMT-1 number strings) as the Float64Array of `LossValues`. */
export function toFloat64(values: unknown, field: string): Float64Array {
  if (typeof values !== 'object' || values === null || typeof (values as ArrayLike<unknown>).length !== 'number') {
    throw new ImplementationFault('not-a-number', `${field} must be an array of numbers, got ${brief(values)}`);
  }
  // A copy: a plug-in may reuse its buffer for the next case.
  if (values instanceof Float64Array) return values.slice();
  const from = values as ArrayLike<unknown>;
  const out = new Float64Array(from.length);
  try {
    for (let i = 0; i < from.length; i++) {
      const v = from[i];
      out[i] = typeof v === 'number' ? v : decodeNumber(v, `${field}[${i}]`);
    }
    return out;
  } catch (e) {
    if (e instanceof LossInputError) throw new ImplementationFault('not-a-number', e.message);
    throw e;
  }
}

/** Values an implementation returned, checked for type: `loss` required, the others optional. */
export function toLossValues(raw: unknown): LossValues {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ImplementationFault(
      'missing-field',
      `expected { loss, grad?, logProb?, lse?, gradWeight?, gradBias? }, got ${brief(raw)}`,
    );
  const o = raw as Record<string, unknown>;
  if (o.loss === undefined)
    throw new ImplementationFault('missing-field', `the result has no "loss" (FMT-3): ${brief(raw)}`);
  const values: LossValues = { loss: toFloat64(o.loss, 'loss') };
  for (const field of OUTPUTS)
    if (field !== 'loss' && o[field] !== undefined) values[field] = toFloat64(o[field], field);
  return values;
}

/** A result object (FMT-3) for the case `id`: a rejection, a refusal, or values. */
export function decodeResult(raw: unknown, id: string): CaseResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ImplementationFault('missing-field', `a result is a JSON object with an "id" (FMT-3), got ${brief(raw)}`);
  const o = raw as Record<string, unknown>;
  if (String(o.id) !== id)
    throw new ImplementationFault('wrong-id', `the result of case "${id}" has id ${brief(o.id)}`);
  if (typeof o.unsupported === 'string') return { id, unsupported: o.unsupported };
  if (typeof o.error === 'string') return { id, error: o.error };
  return { id, ...toLossValues(o) };
}

/** One line of a plug-in process's output, for the case `id` (FMT-5.2). */
export function parseResultLine(text: string, id: string): CaseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ImplementationFault('not-json', `not JSON: ${text.slice(0, 120)}`);
  }
  return decodeResult(raw, id);
}
