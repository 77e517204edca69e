/**
 * The certified reference (`--impl reference`): every output of a case is the exact value of
 * spec/losses.md on the exact inputs, correctly rounded into the dtype (DT-3), and certified: an
 * enclosure of it rounds to that one value (spec/reference-engine.md#REF-7, REF-10).
 */
import type { Implementation } from '../adapters/types.js';
import type { Dtype, LossCase, LossValues } from '../case/types.js';
import { validateCase, type ValidCase } from '../case/validate.js';
import { driverValues } from '../losses/builtins.js';
import type { DriverValues } from '../losses/softmaxDriver.js';
import type { IntervalArithmetic, ReferenceEngine } from './arithmetic.js';
import { rationalParts, type Rational } from './exactRational.js';
import { isSpecial, type Extended } from './extended.js';
import { roundFraction } from './rounding.js';
import { referenceKernels } from './lossKernels.js';
import { certifyValues, type ZivOptions, type ZivStats } from './ziv.js';

const FIELDS = ['loss', 'grad', 'logProb'] as const;
type Field = (typeof FIELDS)[number];

/** How many values each output of the case has (FMT-3). */
function outputLengths(c: ValidCase): Record<Field, number> {
  const loss = c.reduction === 'none' ? c.positions : 1;
  const asked = (field: Field) => (c.outputs.includes(field) ? c.input.length : 0);
  return { loss, grad: asked('grad'), logProb: c.loss === 'softmax_cross_entropy' ? asked('logProb') : 0 };
}

function flatten<T>(values: DriverValues<T>): T[] {
  const flat: T[] = [];
  // A loop, not flatMap: the outputs of a large row are hundreds of thousands of values.
  for (const field of FIELDS) for (const v of values[field] ?? []) flat.push(v);
  return flat;
}

/** Cut the certified values back into the outputs, in FIELDS order. */
function split(flat: Float64Array, c: ValidCase): LossValues {
  const lengths = outputLengths(c);
  let offset = 0;
  const take = (field: Field): Float64Array | undefined => {
    offset += lengths[field];
    return field === 'loss' || c.outputs.includes(field) ? flat.slice(offset - lengths[field], offset) : undefined;
  };
  return { loss: take('loss')!, grad: take('grad'), logProb: take('logProb') };
}

/** A special's value, or an exact rational rounded once (REF-10.4). */
function decide<I>(v: Extended<I>, dtype: Dtype): number {
  return isSpecial(v) ? v.special : roundFraction(...rationalParts((v as { exact: Rational }).exact), dtype);
}

const isEnclosed = <I>(v: Extended<I>): v is { readonly num: I } => 'num' in v;

/**
 * Every output of a validated case, certified, with how hard that was; `roundInto` rounds the
 * exact values into another dtype than the case's (golden fixtures give every dtype's rounding).
 */
export function evaluateReference(
  c: ValidCase,
  engine: ReferenceEngine,
  options: ZivOptions & { readonly roundInto?: Dtype } = {},
): { values: LossValues; stats: ZivStats } {
  const dtype = options.roundInto ?? c.dtype;
  let decided: Map<number, number> | undefined;
  const evaluate = <I>(arith: IntervalArithmetic<I>, indices: Int32Array): I[] => {
    const kernels = referenceKernels(arith);
    const flat = flatten(driverValues<Extended<I>>(c, kernels));
    // Specials and exact rationals do not depend on the precision: they are decided at once (REF-10.4).
    decided ??= new Map(flat.flatMap((v, i) => (isEnclosed(v) ? [] : [[i, decide(v, dtype)] as const])));
    // Their slots are certified as an exact 0 and overwritten below.
    return Array.from(indices, (i) => {
      const v = flat[i]!;
      return isEnclosed(v) ? kernels.arith.enclosure(v) : arith.fromDouble(0);
    });
  };
  const lengths = outputLengths(c);
  const count = lengths.loss + lengths.grad + lengths.logProb;
  const { values, stats } = certifyValues(engine, dtype, count, evaluate, options);
  for (const [i, value] of decided ?? []) values[i] = value;
  return { values: split(values, c), stats };
}

/** The reference as an implementation: rejects invalid cases like the built-ins (FMT-2). */
export function referenceImplementation(
  name: string,
  engine: ReferenceEngine,
  options: ZivOptions = {},
): Implementation {
  return {
    name,
    evaluate: (c: LossCase) => evaluateReference(validateCase(c), engine, options).values,
    close: async () => engine.dispose(),
  };
}
