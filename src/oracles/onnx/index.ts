/**
 * ONNX Runtime as an implementation, and ONNX backend-test directories: what the rest of
 * losscheck (the CLI's `onnx-cases` and `export-onnx-cases`, the registry) uses.
 */
export { ortImplementation } from './ort.js';
export type { OrtImplementation } from './ort.js';
export { ORT_NAMES, type OrtName } from './ortNames.js';
export type { GraphChoices } from './casePlan.js';
export { REASONS as ORT_UNSUPPORTED_REASONS } from './support.js';
export { backendTestDirs, readBackendModel, readBackendTest, testDirectoryName, writeBackendTest } from './backendTest.js';
export type { BackendTest, DataSet } from './backendTest.js';
export { backendTestCases } from './backendCases.js';
export type { BackendCase, BackendMapping } from './backendCases.js';
export { runBackendModel } from './runModel.js';
export { backendTestName, caseToBackendTest, exportCases, exportRefusal } from './caseExport.js';
export type { ExportSummary } from './caseExport.js';
export { findLossNode } from './lossNode.js';
export type { LossNode, LossOp } from './lossNode.js';
export { briefError } from './probes.js';
export { NODE_TESTS } from './nodeTestCatalog.js';
export { nodeTests, writeNodeTests } from './nodeTestGenerate.js';
export { decodeTensor, encodeTensor } from './tensorProto.js';
export type { DecodedTensor, TensorLayout } from './tensorProto.js';
