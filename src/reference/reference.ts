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
import { isSpecial, type Extended } from './extended.js';
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
  return FIELDS.flatMap((field) => values[field] ?? []);
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

/**
 * Every output of a validated case, certified, with how hard that was; `roundInto` rounds the
 * exact values into another dtype than the case's (golden fixtures give every dtype's rounding).
 */
export function evaluateReference(
  c: ValidCase,
  engine: ReferenceEngine,
  options: ZivOptions & { readonly roundInto?: Dtype } = {},
): { values: LossValues; stats: ZivStats } {
  let specials: Map<number, number> | undefined;
  const evaluate = <I>(arith: IntervalArithmetic<I>, indices: Int32Array): I[] => {
    const kernels = referenceKernels(arith);
    const flat = flatten(driverValues<Extended<I>>(c, kernels));
    // Specials come from the inputs and exact zero tests, so they are the same at every precision.
    specials ??= new Map(flat.flatMap((v, i) => (isSpecial(v) ? [[i, v.special] as const] : [])));
    // A special's slot is certified as an exact 0 and overwritten below.
    return Array.from(indices, (i) => {
      const v = flat[i]!;
      return isSpecial(v) ? arith.fromDouble(0) : kernels.arith.enclosure(v);
    });
  };
  const lengths = outputLengths(c);
  const count = lengths.loss + lengths.grad + lengths.logProb;
  const { values, stats } = certifyValues(engine, options.roundInto ?? c.dtype, count, evaluate, options);
  for (const [i, special] of specials ?? []) values[i] = special;
  return { values: split(values, c), stats };
}

/** The reference as an implementation: rejects invalid cases like the built-ins (FMT-2). */
export function referenceImplementation(name: string, engine: ReferenceEngine, options: ZivOptions = {}): Implementation {
  return {
    name,
    evaluate: (c: LossCase) => evaluateReference(validateCase(c), engine, options).values,
    close: async () => engine.dispose(),
  };
}
