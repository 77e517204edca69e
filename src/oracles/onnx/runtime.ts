/**
 * The ONNX Runtime a session runs on: onnxruntime-node's CPU execution provider (`ort`), or
 * onnxruntime-web's WebAssembly backend in Node (`ort-web`). Both packages expose one API
 * (onnxruntime-common), but each bundles its own copy of it, so a tensor is made by the runtime
 * that runs it: graphs and feeds are built once, as plain data (tensors.ts), and meet a runtime
 * only here.
 */
import type { InferenceSession, Tensor } from 'onnxruntime-common';
import type { TensorData } from './tensors.js';

/** What losscheck uses of an ONNX Runtime package. */
export interface OrtModule {
  readonly InferenceSession: typeof InferenceSession;
  readonly Tensor: typeof Tensor;
}

export interface OrtRuntime {
  /** The package and what runs the graphs, for reports: `onnxruntime-web 1.30.0 (wasm)`. */
  readonly description: string;
  readonly ort: OrtModule;
  readonly options: InferenceSession.SessionOptions;
}

/** A session of `model` on the runtime (`extra` adds options, e.g. where to write the optimised graph). */
export function createSession(
  runtime: OrtRuntime,
  model: Uint8Array,
  extra: InferenceSession.SessionOptions = {},
): Promise<InferenceSession> {
  return runtime.ort.InferenceSession.create(model, { ...runtime.options, ...extra });
}

/** Feeds as the runtime's own tensors. */
export function runtimeFeeds(runtime: OrtRuntime, feeds: Readonly<Record<string, TensorData>>): Record<string, Tensor> {
  return Object.fromEntries(
    Object.entries(feeds).map(([name, t]) => [name, new runtime.ort.Tensor(t.type, t.data, [...t.dims])]),
  );
}
