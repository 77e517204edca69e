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

/**
 * Run a session on feeds with ORT's logging off: a failing node is reported by the thrown error.
 * The run's own level is what counts: onnxruntime-web's run options default to `warning`, not to
 * the session's level, so without it each failing node (a badInputs case's Gather of an
 * out-of-range label) printed an error line to the console.
 */
export function runSession(
  runtime: OrtRuntime,
  session: InferenceSession,
  feeds: Readonly<Record<string, TensorData>>,
): Promise<InferenceSession.ReturnType> {
  return session.run(runtimeFeeds(runtime, feeds), { logSeverityLevel: 4 });
}

/** Feeds as the runtime's own tensors. */
export function runtimeFeeds(runtime: OrtRuntime, feeds: Readonly<Record<string, TensorData>>): Record<string, Tensor> {
  return Object.fromEntries(
    Object.entries(feeds).map(([name, t]) => [name, new runtime.ort.Tensor(t.type, t.data, [...t.dims])]),
  );
}
