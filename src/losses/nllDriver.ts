/**
 * Negative log-likelihood on log-probabilities (NLL-1..4): PyTorch's nll_loss and ONNX's
 * NegativeLogLikelihoodLoss. No softmax: the loss reads one input per position, so every
 * implementation computes it the same way, in its arithmetic.
 */
import type { ValidCase } from '../case/validate.js';
import { CoefficientBuilder } from './coefficients.js';
import type { LossKernels } from './kernels.js';
import { reducerFor } from './reduce.js';
import { classOffset, type DriverValues } from './softmaxDriver.js';

/** Every output of an NLL case, in the kernels' arithmetic. */
export function negativeLogLikelihood<T>(c: ValidCase, k: LossKernels<T>): DriverValues<T> {
  const { arith } = k;
  const zero = arith.of(0);
  const losses = Array<T>(c.positions).fill(zero);
  const grad = c.outputs.includes('grad') ? Array<T>(c.input.length).fill(zero) : undefined;
  const reducer = reducerFor(c, k);
  const coefficients = new CoefficientBuilder(c, k);
  for (let i = 0; i < c.positions; i++) {
    const terms = coefficients.at(i);
    if (typeof terms === 'string') continue; // IGN-1 (NLL has no NaN labels: PRO-16 profiles reject them)
    const at = classOffset(c, i, terms.only);
    const weight = terms.a[terms.only]!;
    losses[i] = arith.neg(arith.mul(weight, arith.of(c.input[at]!)));
    if (grad) grad[at] = reducer.scale(arith.neg(weight), i);
  }
  return { loss: reducer.reduce(losses), grad };
}
