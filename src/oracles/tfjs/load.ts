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
  await useBackend(tf, name);
  return tf;
}

/**
 * Make the implementation's backend the active one. TF.js has one active backend per process, so
 * `tfjs` and `tfjs-wasm` side by side switch before each case.
 */
export async function useBackend(tf: TfModule, name: TfjsName): Promise<void> {
  const backend = TFJS_BACKENDS[name];
  if (tf.getBackend() === backend) return;
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js could not initialise its ${backend} backend`);
}
