/**
 * The certified reference (`--impl reference`): every output of a case is the exact value of
 * spec/losses.md on the exact inputs, correctly rounded into the dtype (DT-3), and certified: an
 * enclosure of it rounds to that one value (spec/reference-engine.md#REF-7, REF-10).
 */
import type { Implementation } from '../adapters/types.js';
import { OUTPUTS, type Dtype, type LossCase, type LossValues, type OutputName } from '../case/types.js';
import { validateCase, type ValidCase } from '../case/validate.js';
import { driverValues } from '../losses/builtins.js';
import type { DriverValues } from '../losses/softmaxDriver.js';
import type { IntervalArithmetic, ReferenceEngine } from './arithmetic.js';
import { rationalParts, type Rational } from './exactRational.js';
import { isSpecial, type Extended } from './extended.js';
import { roundFraction } from './rounding.js';
import { referenceKernels } from './lossKernels.js';
import { certifyValues, type ZivOptions, type ZivStats } from './ziv.js';

/** How many values each output of the case has (FMT-3, LSE-1, LCE-3); 0 when not asked for. */
export function outputLengths(c: ValidCase): Record<OutputName, number> {
  const asked = (field: OutputName, n: number) => (c.outputs.includes(field) ? n : 0);
  return {
    loss: c.reduction === 'none' ? c.positions : 1,
    grad: asked('grad', c.input.length),
    logProb: c.loss === 'softmax_cross_entropy' ? asked('logProb', c.input.length) : 0,
    lse: asked('lse', c.positions),
    gradWeight: asked('gradWeight', c.linearWeight?.length ?? 0),
    gradBias: asked('gradBias', c.classes),
  };
}

function flatten<T>(values: DriverValues<T>): T[] {
  const flat: T[] = [];
  // A loop, not flatMap: the outputs of a large row are hundreds of thousands of values.
  for (const field of OUTPUTS) for (const v of values[field] ?? []) flat.push(v);
  return flat;
}

/** Cut the certified values back into the outputs, in OUTPUTS order. */
function split(flat: Float64Array, c: ValidCase): LossValues {
  const lengths = outputLengths(c);
  let offset = 0;
  const values: LossValues = { loss: new Float64Array() };
  for (const field of OUTPUTS) {
    offset += lengths[field];
    if (field === 'loss' || c.outputs.includes(field)) values[field] = flat.slice(offset - lengths[field], offset);
  }
  return values;
}

/** A special's value, or an exact rational rounded once (REF-10.4). */
function decide<I>(v: Extended<I>, dtype: Dtype): number {
  return isSpecial(v) ? v.special : roundFraction(...rationalParts((v as { exact: Rational }).exact), dtype);
}

const isEnclosed = <I>(v: Extended<I>): v is { readonly num: I } => 'num' in v;

/** The values that are not enclosures, by index, decided (a loop: a batch has hundreds of thousands). */
function decideExact<I>(flat: readonly Extended<I>[], dtype: Dtype): Map<number, number> {
  const decided = new Map<number, number>();
  for (let i = 0; i < flat.length; i++) if (!isEnclosed(flat[i]!)) decided.set(i, decide(flat[i]!, dtype));
  return decided;
}

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
    decided ??= decideExact(flat, dtype);
    // Their slots are certified as an exact 0 and overwritten below.
    return Array.from(indices, (i) => {
      const v = flat[i]!;
      return isEnclosed(v) ? kernels.arith.enclosure(v) : arith.fromDouble(0);
    });
  };
  const count = Object.values(outputLengths(c)).reduce((a, b) => a + b, 0);
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
