/**
 * onnxruntime-web's WebAssembly backend, in Node (`ort-web`): the build browsers run, compiled to
 * WebAssembly, on the same graphs as `ort`.
 */
import * as ort from 'onnxruntime-web';
import type { OrtRuntime } from './runtime.js';

// One thread, as for onnxruntime-node: no worker threads, reductions in one fixed order. Logging
// off, as there: a failing node is reported by the thrown error (the environment, the session and
// each run, runtime.ts's runSession, have a level of their own in the web build).
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'fatal';

export const WEB_RUNTIME: OrtRuntime = {
  description: `onnxruntime-web ${ort.env.versions.web ?? ort.env.versions.common} (WebAssembly backend)`,
  ort,
  options: { executionProviders: ['wasm'], logSeverityLevel: 4 },
};
