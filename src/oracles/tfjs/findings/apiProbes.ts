/**
 * TF.js calls outside the loss functions that the findings report on: `tf.oneHot` with a float32
 * output, which a user building one-hot labels for softmaxCrossEntropy may ask for, and
 * `tf.log1p` of a tiny argument, on which sigmoidCrossEntropy's accuracy rests.
 */
import { loadTfjs, onBackend } from '../load.js';
import type { TfjsName } from '../names.js';

/** `tf.oneHot([0, 2], 3, 1, 0, 'float32')` on the implementation's backend, as numbers. */
export async function oneHotFloat32(name: TfjsName): Promise<number[]> {
  const tf = await loadTfjs(name);
  return onBackend(tf, name, () =>
    tf.tidy(() => Array.from(tf.oneHot(tf.tensor1d([0, 2], 'int32'), 3, 1, 0, 'float32').dataSync())),
  );
}

/** `tf.log1p([2^-30, 1e-10])` on the implementation's backend (exactly: 9.3132257e-10 and 1e-10 to float32). */
export async function log1pTiny(name: TfjsName): Promise<number[]> {
  const tf = await loadTfjs(name);
  return onBackend(tf, name, () => tf.tidy(() => Array.from(tf.log1p(tf.tensor1d([2 ** -30, 1e-10])).dataSync())));
}
