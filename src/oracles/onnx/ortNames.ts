/**
 * The names of the ONNX Runtime implementations (DESIGN: `ort`, `ort-web`), apart from their
 * modules so that naming them does not load a runtime.
 */
/** onnxruntime-node's CPU execution provider. */
export type OrtName = 'ort' | 'ort-unstable';
export const ORT_NAMES: readonly OrtName[] = ['ort', 'ort-unstable'];

/** onnxruntime-web's WebAssembly backend, on the same graphs as `ort`. */
export type OrtWebName = 'ort-web';
export const ORT_WEB_NAMES: readonly OrtWebName[] = ['ort-web'];
