/**
 * Result lines (spec/formats.md#FMT-3): encoding for output, decoding from plug-in processes.
 */
import { decodeNumber, encodeNumber } from './decode.js';
import type { CaseResult, LossValues } from './types.js';

const VALUE_FIELDS = ['loss', 'grad', 'logProb'] as const;

/** The JSON object of a result (numbers as FMT-1 says). */
export function encodeResult(r: CaseResult): Record<string, unknown> {
  if ('error' in r || 'unsupported' in r) return { ...r };
  const out: Record<string, unknown> = { id: r.id };
  for (const field of VALUE_FIELDS) {
    const values = r[field];
    if (values) out[field] = Array.from(values, encodeNumber);
  }
  return out;
}

/** Array-likes of numbers (or FMT-1 number strings) as the Float64Array of `LossValues`. */
export function toFloat64(values: unknown, field: string): Float64Array {
  if (typeof values !== 'object' || values === null || typeof (values as ArrayLike<unknown>).length !== 'number') {
    throw new Error(`${field} must be an array of numbers, got ${JSON.stringify(values)}`);
  }
  return Float64Array.from(values as ArrayLike<unknown>, (v, i) => decodeNumber(v, `${field}[${i}]`));
}

/** Values an implementation returned, checked for shape: `loss` required, the others optional. */
export function toLossValues(raw: unknown): LossValues {
  if (typeof raw !== 'object' || raw === null)
    throw new Error(`expected { loss, grad?, logProb? }, got ${JSON.stringify(raw)}`);
  const o = raw as Record<string, unknown>;
  return {
    loss: toFloat64(o.loss, 'loss'),
    grad: o.grad === undefined ? undefined : toFloat64(o.grad, 'grad'),
    logProb: o.logProb === undefined ? undefined : toFloat64(o.logProb, 'logProb'),
  };
}
