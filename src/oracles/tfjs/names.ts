/**
 * The names of the TF.js implementations (DESIGN: `tfjs`, `tfjs-wasm`) and the backend each runs
 * on, apart from the implementation so that naming them does not load TF.js.
 */
export type TfjsName = 'tfjs' | 'tfjs-wasm';
export const TFJS_NAMES: readonly TfjsName[] = ['tfjs', 'tfjs-wasm'];

/** The TF.js backend of each implementation: the pure-JS CPU backend, or the WebAssembly one. */
export const TFJS_BACKENDS: Readonly<Record<TfjsName, 'cpu' | 'wasm'>> = { tfjs: 'cpu', 'tfjs-wasm': 'wasm' };

/** The npm package each backend needs beside @tensorflow/tfjs-core. */
export const TFJS_BACKEND_PACKAGES: Readonly<Record<TfjsName, string>> = {
  tfjs: '@tensorflow/tfjs-backend-cpu',
  'tfjs-wasm': '@tensorflow/tfjs-backend-wasm',
};
