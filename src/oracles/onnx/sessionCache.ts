/**
 * One ONNX Runtime session per graph spec (kind, attributes, dtype, rank), on one runtime. Graphs
 * have symbolic dims, so a property run over many shapes builds a handful of sessions, not one
 * per case.
 */
import type { InferenceSession } from 'onnxruntime-common';
import { buildLossModel } from './buildModel.js';
import { encodeModel } from './graphBuilder.js';
import { graphKey, type GraphSpec } from './graphSpec.js';
import { createSession, runSession, type OrtRuntime } from './runtime.js';
import type { TensorData } from './tensors.js';

export class SessionCache {
  private readonly sessions = new Map<string, Promise<InferenceSession>>();

  constructor(readonly runtime: OrtRuntime) {}

  /** The session of a spec, created on first use. A spec ORT refuses is retried next time. */
  session(spec: GraphSpec): Promise<InferenceSession> {
    const key = graphKey(spec);
    let session = this.sessions.get(key);
    if (session === undefined) {
      session = createSession(this.runtime, encodeModel(buildLossModel(spec)));
      session.catch(() => this.sessions.delete(key));
      this.sessions.set(key, session);
    }
    return session;
  }

  /** Run the graph of `spec` on `feeds`. */
  async run(spec: GraphSpec, feeds: Readonly<Record<string, TensorData>>): Promise<InferenceSession.ReturnType> {
    return runSession(this.runtime, await this.session(spec), feeds);
  }

  get size(): number {
    return this.sessions.size;
  }

  async close(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    const settled = await Promise.allSettled(sessions);
    await Promise.all(settled.map((s) => (s.status === 'fulfilled' ? s.value.release() : undefined)));
  }
}
