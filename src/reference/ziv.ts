/**
 * Ziv's strategy (spec/reference-engine.md#REF-7): evaluate enclosures at a working precision,
 * keep every value whose enclosure rounds to one dtype value, and re-evaluate the rest at twice
 * the precision, up to a cap where the value is reported undetermined.
 */
import type { Dtype } from '../case/types.js';
import { NeedMorePrecision, type IntervalArithmetic, type ReferenceEngine } from './arithmetic.js';

/** 128 bits settle almost every value of a row of 10^5 logits in one pass (REF-7). */
export const DEFAULT_START_BITS = 128;
/** The decimal engine's ceiling; both engines stop at the same precision by default. */
export const DEFAULT_MAX_BITS = 3200;

export interface ZivOptions {
  readonly startBits?: number;
  readonly maxBits?: number;
}

/** How hard certification was: for benchmarks and reports. */
export interface ZivStats {
  /** The precision of the last attempt, in bits. */
  readonly bits: number;
  /** Evaluations at successive precisions. */
  readonly attempts: number;
  /** Values evaluated, summed over attempts (the count itself when one attempt sufficed). */
  readonly evaluated: number;
}

/**
 * Enclosures of the values at `indices` (in that order), at the precision of `arith`. It may
 * throw NeedMorePrecision (from an operation or a sign test) to ask for a higher precision.
 */
export type EvaluateValues = <I>(arith: IntervalArithmetic<I>, indices: Int32Array) => readonly I[];
export type EvaluateValue = <I>(arith: IntervalArithmetic<I>) => I;

/** The cap was reached with values still not rounding to one dtype value (REF-7). */
export class UndeterminedError extends Error {
  readonly code = 'undetermined';

  constructor(
    readonly bits: number,
    readonly unresolved: Int32Array,
  ) {
    super(`${unresolved.length} value(s) undetermined at ${bits} bits (first index ${unresolved[0]})`);
    this.name = 'UndeterminedError';
  }
}

/** Rounds what is decided into `values` and returns the indices still open. */
function settle<I>(
  arith: IntervalArithmetic<I>,
  evaluate: EvaluateValues,
  pending: Int32Array,
  values: Float64Array,
  dtype: Dtype,
): Int32Array {
  let enclosures: readonly I[];
  try {
    enclosures = evaluate(arith, pending);
  } catch (error) {
    if (error instanceof NeedMorePrecision) return pending;
    throw error;
  }
  if (enclosures.length !== pending.length) throw new Error('evaluate returned the wrong number of enclosures');
  const open: number[] = [];
  enclosures.forEach((enclosure, k) => {
    const value = arith.round(enclosure, dtype);
    if (value === undefined) open.push(pending[k]!);
    else values[pending[k]!] = value;
  });
  return Int32Array.from(open);
}

/**
 * The correctly rounded values of `count` outputs (DT-3), certified (REF-7): each is returned only
 * once an enclosure of it rounds to a single dtype value. An exact enclosure (width 0) settles at
 * the first attempt.
 */
export function certifyValues(
  engine: ReferenceEngine,
  dtype: Dtype,
  count: number,
  evaluate: EvaluateValues,
  options: ZivOptions = {},
): { values: Float64Array; stats: ZivStats } {
  const values = new Float64Array(count);
  const maxBits = Math.min(options.maxBits ?? DEFAULT_MAX_BITS, engine.maxBits);
  let bits = Math.min(Math.max(options.startBits ?? engine.startBits ?? DEFAULT_START_BITS, engine.minBits), maxBits);
  let pending: Int32Array = Int32Array.from({ length: count }, (_, i) => i);
  let [attempts, evaluated] = [0, 0];
  for (;;) {
    attempts += 1;
    evaluated += pending.length;
    const open = pending;
    pending = engine.run(bits, (arith) => settle(arith, evaluate, open, values, dtype));
    if (pending.length === 0) return { values, stats: { bits, attempts, evaluated } };
    if (bits >= maxBits) throw new UndeterminedError(bits, pending);
    bits = Math.min(2 * bits, maxBits);
  }
}

/** certifyValues for one output. */
export function certifyValue(
  engine: ReferenceEngine,
  dtype: Dtype,
  evaluate: EvaluateValue,
  options: ZivOptions = {},
): { value: number; stats: ZivStats } {
  const { values, stats } = certifyValues(engine, dtype, 1, (arith) => [evaluate(arith)], options);
  return { value: values[0]!, stats };
}
