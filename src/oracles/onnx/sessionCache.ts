/**
 * One ONNX Runtime session per graph spec (kind, attributes, dtype, rank). Graphs have symbolic
 * dims, so a property run over many shapes builds a handful of sessions, not one per case.
 */
import ort from 'onnxruntime-node';
import { buildLossModel } from './buildModel.js';
import { encodeModel } from './graphBuilder.js';
import { graphKey, type GraphSpec } from './graphSpec.js';

/**
 * CPU only; one thread so that reductions add in one fixed order (results reproducible run to
 * run); logging off: a failing node is reported by the thrown error, and ORT would also print it to stderr.
 */
export const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = {
  executionProviders: ['cpu'],
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  logSeverityLevel: 4,
};

export class SessionCache {
  private readonly sessions = new Map<string, Promise<ort.InferenceSession>>();

  constructor(private readonly options: ort.InferenceSession.SessionOptions = SESSION_OPTIONS) {}

  /** The session of a spec, created on first use. A spec ORT refuses is retried next time. */
  session(spec: GraphSpec): Promise<ort.InferenceSession> {
    const key = graphKey(spec);
    let session = this.sessions.get(key);
    if (session === undefined) {
      session = ort.InferenceSession.create(encodeModel(buildLossModel(spec)), this.options);
      session.catch(() => this.sessions.delete(key));
      this.sessions.set(key, session);
    }
    return session;
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
