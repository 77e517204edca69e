/**
 * Single TF.js calls the findings report on: `tf.oneHot` with a float32 output, which a user
 * building one-hot labels for softmaxCrossEntropy may ask for; `tf.log1p` of a tiny argument, on
 * which sigmoidCrossEntropy's accuracy rests; and sigmoidCrossEntropy's overflow at the largest
 * float32, which the conformance run no longer reaches (its bad inputs keep x·y finite).
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

/** The largest float32, a logit at which `x·y` overflows for a target y above 1. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * `tf.losses.sigmoidCrossEntropy([1.5], [FLOAT32_MAX])`, unreduced: relu(x) − x·y + log1p(e^{−|x|})
 * overflows in x·y where the exact loss, x·(1 − y) = −1.701411733e38, is finite.
 */
export async function sigmoidOverflow(name: TfjsName): Promise<number[]> {
  const tf = await loadTfjs(name);
  return onBackend(tf, name, () =>
    tf.tidy(() => {
      const [labels, logits] = [tf.tensor1d([1.5]), tf.tensor1d([FLOAT32_MAX])];
      return Array.from(tf.losses.sigmoidCrossEntropy(labels, logits, undefined, 0, tf.Reduction.NONE).dataSync());
    }),
  );
}
