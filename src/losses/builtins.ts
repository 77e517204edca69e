/**
 * The built-in implementations `naive`, `fused` and `accurate` (DESIGN: implementation names):
 * validate once (FMT-2), run the semantic driver with the implementation's kernels, and round
 * every output into the dtype (DT-3: for naive and fused this changes nothing, DT-4).
 */
import type { Implementation } from '../adapters/types.js';
import type { Dtype, LossCase, LossValues } from '../case/types.js';
import { validateCase, type ValidCase } from '../case/validate.js';
import { roundTo } from '../numeric/dtype.js';
import { accurateKernels } from './accurate.js';
import { binaryCrossEntropy } from './binaryDriver.js';
import { fusedKernels } from './fused.js';
import type { LossKernels } from './kernels.js';
import { naiveKernels } from './naive.js';
import { softmaxCrossEntropy } from './softmaxDriver.js';

export type BuiltInName = 'naive' | 'fused' | 'accurate';
export const BUILT_IN_NAMES: readonly BuiltInName[] = ['naive', 'fused', 'accurate'];

const KERNELS: Readonly<Record<BuiltInName, (dtype: Dtype) => LossKernels>> = {
  naive: (dtype) => naiveKernels(roundTo(dtype)),
  fused: (dtype) => fusedKernels(roundTo(dtype)),
  accurate: () => accurateKernels(),
};

function roundValues(values: LossValues, dtype: Dtype): LossValues {
  const round = roundTo(dtype);
  return {
    loss: values.loss.map(round),
    grad: values.grad?.map(round),
    logProb: values.logProb?.map(round),
  };
}

/** Every output a validated case asks for, computed with the given kernels, in the dtype. */
export function evaluateWith(c: ValidCase, kernels: LossKernels): LossValues {
  const values = c.loss === 'softmax_cross_entropy' ? softmaxCrossEntropy(c, kernels) : binaryCrossEntropy(c, kernels);
  return roundValues(values, c.dtype);
}

/** One built-in implementation: rejects invalid cases with `LossInputError`. */
export function builtIn(name: BuiltInName): Implementation {
  const kernels = new Map<Dtype, LossKernels>();
  const kernelsFor = (dtype: Dtype): LossKernels => {
    if (!kernels.has(dtype)) kernels.set(dtype, KERNELS[name](dtype));
    return kernels.get(dtype)!;
  };
  return {
    name,
    evaluate: (c: LossCase) => {
      const valid = validateCase(c);
      return evaluateWith(valid, kernelsFor(valid.dtype));
    },
  };
}
