/**
 * TF.js loaded on demand (an optional peer dependency): tfjs-core, the backend an implementation
 * runs on, and the gradient registrations. Warnings are off (production mode): the CPU backend
 * would otherwise advise installing tfjs-node on first use.
 */
import type * as Tf from '@tensorflow/tfjs-core';
import { optionalPackage } from '../../adapters/optionalPackage.js';
import { registerTfjsGradients } from './gradients.js';
import { TFJS_BACKEND_PACKAGES, TFJS_BACKENDS, type TfjsName } from './names.js';

export type TfModule = typeof Tf;

/** TF.js with the implementation's backend registered and every gradient loaded. */
export async function loadTfjs(name: TfjsName): Promise<TfModule> {
  const purpose = `--impl ${name}`;
  const tf = await optionalPackage<TfModule>('@tensorflow/tfjs-core', purpose);
  await optionalPackage(TFJS_BACKEND_PACKAGES[name], purpose);
  await registerTfjsGradients();
  tf.enableProdMode();
  await onBackend(tf, name, () => undefined);
  return tf;
}

/** TF.js keeps one engine per process: every use of it waits its turn here, one at a time. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * `run` with the implementation's backend active. TF.js has one active backend per process, and
 * switching is asynchronous (the WebAssembly backend compiles its module on first use): `tfjs`
 * and `tfjs-wasm` side by side take turns, switching before each case.
 */
export function onBackend<T>(tf: TfModule, name: TfjsName, run: () => T): Promise<T> {
  const turn = queue.then(async () => {
    const backend = TFJS_BACKENDS[name];
    if (tf.getBackend() !== backend && !(await tf.setBackend(backend)))
      throw new Error(`TF.js could not initialise its ${backend} backend`);
    return run();
  });
  queue = turn.catch(() => undefined);
  return turn;
}
