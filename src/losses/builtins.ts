/**
 * The built-in implementations `naive`, `fused` and `accurate` (DESIGN: implementation names):
 * validate once (FMT-2), run the semantic driver with the implementation's kernels, and round
 * every output into the dtype (DT-3: for naive and fused this changes nothing, DT-4).
 */
import type { Implementation } from '../adapters/types.js';
import { OUTPUTS, type Dtype, type LossCase, type LossValues } from '../case/types.js';
import { validateCase, type ValidCase } from '../case/validate.js';
import { roundTo } from '../numeric/dtype.js';
import { rounderFor } from '../numeric/rounder.js';
import { fromScaled, type Scaled } from '../numeric/scaled.js';
import { accurateKernels } from './accurate.js';
import { binaryCrossEntropy } from './binaryDriver.js';
import { fusedKernels } from './fused.js';
import type { LossKernels } from './kernels.js';
import { naiveKernels } from './naive.js';
import { linearCrossEntropy } from './linearDriver.js';
import { negativeLogLikelihood } from './nllDriver.js';
import { softmaxCrossEntropy, type DriverValues } from './softmaxDriver.js';

export type BuiltInName = 'naive' | 'fused' | 'accurate';
export const BUILT_IN_NAMES: readonly BuiltInName[] = ['naive', 'fused', 'accurate'];

/** An implementation's kernels for a dtype, and how its number type becomes a double. */
interface Numerics<T> {
  readonly kernels: (dtype: Dtype) => LossKernels<T>;
  readonly toNumber: (v: T) => number;
}

const identity = (v: number): number => v;

const NUMERICS: { readonly [K in BuiltInName]: Numerics<K extends 'accurate' ? Scaled : number> } = {
  naive: { kernels: (dtype) => naiveKernels(rounderFor(dtype)), toNumber: identity },
  // PyTorch's CPU kernels compute float16 and bfloat16 in float32 (opmath) (DT-4).
  fused: {
    kernels: (dtype) => fusedKernels(rounderFor(dtype === 'float64' ? 'float64' : 'float32')),
    toNumber: identity,
  },
  accurate: { kernels: () => accurateKernels(), toNumber: fromScaled },
};

/** The driver of the case's loss, in the kernels' arithmetic. */
export function driverValues<T>(c: ValidCase, kernels: LossKernels<T>): DriverValues<T> {
  if (c.loss === 'softmax_cross_entropy') return softmaxCrossEntropy(c, kernels);
  if (c.loss === 'linear_cross_entropy') return linearCrossEntropy(c, kernels);
  if (c.loss === 'negative_log_likelihood') return negativeLogLikelihood(c, kernels);
  return binaryCrossEntropy(c, kernels);
}

/** Every output a validated case asks for, computed with the given kernels, rounded into the dtype. */
export function evaluateWith<T>(c: ValidCase, kernels: LossKernels<T>, toNumber: (v: T) => number): LossValues {
  const values = driverValues(c, kernels);
  const round = roundTo(c.dtype);
  const out: LossValues = { loss: new Float64Array() };
  for (const field of OUTPUTS) {
    const v = values[field];
    if (v) out[field] = Float64Array.from(v, (x) => round(toNumber(x)));
  }
  return out;
}

/** A built-in's computation of a validated case (what `losscheck bench` times as its kernel). */
export function builtInKernel(name: BuiltInName): (c: ValidCase) => LossValues {
  const numerics = NUMERICS[name] as Numerics<unknown>;
  const kernels = new Map<Dtype, LossKernels<unknown>>();
  const kernelsFor = (dtype: Dtype): LossKernels<unknown> => {
    if (!kernels.has(dtype)) kernels.set(dtype, numerics.kernels(dtype));
    return kernels.get(dtype)!;
  };
  return (c) => evaluateWith(c, kernelsFor(c.dtype), numerics.toNumber);
}

/** One built-in implementation: rejects invalid cases with `LossInputError`. */
export function builtIn(name: BuiltInName): Implementation {
  const kernel = builtInKernel(name);
  return { name, evaluate: (c: LossCase) => kernel(validateCase(c)) };
}
