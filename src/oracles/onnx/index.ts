/**
 * ONNX Runtime as an implementation: what the rest of losscheck (the registry, the backend-test
 * runner of src/backendTests, the findings) uses.
 */
export { ortImplementation } from './ort.js';
export type { OrtImplementation } from './ort.js';
export { ORT_NAMES, ORT_WEB_NAMES, type OrtName, type OrtWebName } from './ortNames.js';
export type { GraphChoices } from './casePlan.js';
export { REASONS as ORT_UNSUPPORTED_REASONS } from './support.js';
export { runBackendModel } from './runModel.js';
export { findLossNode } from './lossNode.js';
export type { LossNode, LossOp } from './lossNode.js';
export { briefError } from './findings/probes.js';
export { decodeTensor, encodeTensor } from './tensorProto.js';
export type { DecodedTensor, TensorLayout } from './tensorProto.js';
