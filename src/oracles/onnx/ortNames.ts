/**
 * The names of the ONNX Runtime implementations (DESIGN: `ort`), apart from ort.ts so that
 * naming them does not load onnxruntime-node.
 */
export type OrtName = 'ort' | 'ort-unstable';
export const ORT_NAMES: readonly OrtName[] = ['ort', 'ort-unstable'];
