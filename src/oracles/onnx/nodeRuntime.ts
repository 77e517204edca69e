/**
 * onnxruntime-node's CPU execution provider (`ort`, `ort-unstable`, backend-test directories).
 */
import ort from 'onnxruntime-node';
import type { OrtRuntime } from './runtime.js';

/**
 * CPU only; one thread so that reductions add in one fixed order (results reproducible run to
 * run); logging off: a failing node is reported by the thrown error, and ORT would also print it to stderr.
 */
export const NODE_RUNTIME: OrtRuntime = {
  description: `onnxruntime-node ${ort.env.versions.common} (CPU execution provider)`,
  ort,
  options: { executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1, logSeverityLevel: 4 },
};
