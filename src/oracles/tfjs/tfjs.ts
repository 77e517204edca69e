/**
 * TF.js as an implementation (DESIGN: `tfjs`, `tfjs-wasm`): each case through TF.js's own loss
 * functions on the CPU or WebAssembly backend, in float32, gradients by tf.valueAndGrad (the
 * registered gradients, and softmaxCrossEntropy's custom one). TF.js is a peer under test: cases
 * are not checked against their profile, and whatever TF.js throws rejects the case.
 */
import type { Implementation } from '../../adapters/types.js';
import { UnsupportedCaseError } from '../../case/errors.js';
import type { LossCase, LossValues } from '../../case/types.js';
import { lossCall } from './graphs.js';
import { loadTfjs, onBackend, type TfModule } from './load.js';
import type { TfjsName } from './names.js';
import { unsupportedReason } from './support.js';

const values = (t: { dataSync(): ArrayLike<number> }): Float64Array => Float64Array.from(t.dataSync());

/**
 * One case: the loss and its gradient from one tf.valueAndGrad (under `none` TF.js seeds the
 * gradient with ones: the gradient of the sum, GRAD), and the log-probabilities a TF.js user gets,
 * tf.logSoftmax over the class axis (the loss functions return none).
 */
function evaluateIn(tf: TfModule, c: LossCase): LossValues {
  // A scope, as tf.tidy's, that disposes every tensor of the case once its values are read.
  tf.engine().startScope();
  try {
    const call = lossCall(tf, c);
    const wantsGrad = c.outputs.includes('grad');
    // UP-2: the upstream gradient is tf.valueAndGrad's dy, in the loss's shape.
    const dy = c.upstream && tf.tensor(Array.from(c.upstream), call.loss(call.input).shape, 'float32');
    const { value, grad } = wantsGrad
      ? tf.valueAndGrad(call.loss)(call.input, dy)
      : { value: call.loss(call.input), grad: undefined };
    const logProb = c.outputs.includes('logProb') ? call.toCaseLayout(tf.logSoftmax(call.input)) : undefined;
    return {
      loss: values(value),
      grad: grad && values(call.toCaseLayout(grad)),
      logProb: logProb && values(logProb),
    };
  } finally {
    tf.engine().endScope();
  }
}

/** A TF.js implementation on its backend; TF.js and the backend package load on first use. */
export async function tfjsImplementation(name: TfjsName = 'tfjs'): Promise<Implementation> {
  const tf = await loadTfjs(name);
  return {
    name,
    supports: (c) => unsupportedReason(c) ?? true,
    evaluate: async (c) => {
      const reason = unsupportedReason(c);
      if (reason !== undefined) throw new UnsupportedCaseError(reason);
      return onBackend(tf, name, () => evaluateIn(tf, c));
    },
  };
}
