/**
 * `ort-web` (DESIGN): the graphs of `ort`, on onnxruntime-web's WebAssembly backend in Node.
 */
import { GRAPH_CHOICES, onnxImplementation, type OrtImplementation } from './implementation.js';
import { WEB_RUNTIME } from './webRuntime.js';

export function ortWebImplementation(): OrtImplementation {
  return onnxImplementation(WEB_RUNTIME, 'ort-web', GRAPH_CHOICES['ort-web']);
}
