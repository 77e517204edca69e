/**
 * The thread a `module:` plug-in runs in (spec/formats.md#FMT-5.1, FMT-5.3): it loads the module,
 * then answers one case per message, so that the main thread can stop it when a case hangs. It
 * imports nothing of losscheck's: cases arrive decoded, and values leave as the plug-in gave
 * them, checked on the other side.
 */
import { parentPort, workerData } from 'node:worker_threads';

export interface WorkerRequest {
  readonly seq: number;
  readonly case: unknown;
}

export type WorkerReply =
  | { readonly kind: 'ready'; readonly name: string }
  | { readonly kind: 'load-error'; readonly message: string }
  | { readonly kind: 'values'; readonly seq: number; readonly values: unknown }
  | { readonly kind: 'error'; readonly seq: number; readonly message: string }
  | { readonly kind: 'unsupported'; readonly seq: number; readonly reason: string }
  | { readonly kind: 'uncloneable'; readonly seq: number; readonly message: string };

interface Plugin {
  readonly name: string;
  evaluate(c: unknown): unknown;
  supports?(c: unknown): unknown;
}

const port = parentPort!;

function isPlugin(value: unknown): value is Plugin {
  const v = value as Partial<Plugin> | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.evaluate === 'function';
}

const isArrayLike = (v: unknown): v is ArrayLike<unknown> =>
  typeof v === 'object' && v !== null && typeof (v as ArrayLike<unknown>).length === 'number';

/** Array-likes the structured clone would lose (a tensor-like object) copied into arrays. */
function cloneable(values: unknown): unknown {
  if (typeof values !== 'object' || values === null) return values;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(values)) {
    out[key] = isArrayLike(v) && !Array.isArray(v) && !ArrayBuffer.isView(v) ? Array.from(v) : v;
  }
  return out;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function answer(plugin: Plugin, seq: number, c: unknown): Promise<WorkerReply> {
  try {
    const supported = plugin.supports ? plugin.supports(c) : true;
    if (supported !== true) return { kind: 'unsupported', seq, reason: String(supported) };
    return { kind: 'values', seq, values: cloneable(await plugin.evaluate(c)) };
  } catch (e) {
    // A plug-in that imports losscheck may refuse a case with its UnsupportedCaseError.
    if (e instanceof Error && e.name === 'UnsupportedCaseError') return { kind: 'unsupported', seq, reason: e.message };
    return { kind: 'error', seq, message: messageOf(e) };
  }
}

function reply(message: WorkerReply): void {
  try {
    port.postMessage(message);
  } catch (e) {
    if (!('seq' in message)) throw e;
    port.postMessage({ kind: 'uncloneable', seq: message.seq, message: `the result cannot be read: ${messageOf(e)}` });
  }
}

async function load(url: string): Promise<Plugin | undefined> {
  let loaded: { default?: unknown };
  try {
    loaded = (await import(url)) as { default?: unknown };
  } catch (e) {
    reply({ kind: 'load-error', message: `could not be loaded: ${messageOf(e)}` });
    return undefined;
  }
  if (!isPlugin(loaded.default)) {
    reply({ kind: 'load-error', message: 'must default-export { name: string, evaluate(c) } (FMT-5.1)' });
    return undefined;
  }
  reply({ kind: 'ready', name: loaded.default.name });
  return loaded.default;
}

const plugin = await load((workerData as { url: string }).url);
if (plugin) port.on('message', async (m: WorkerRequest) => reply(await answer(plugin, m.seq, m.case)));
