/**
 * `module:PATH` implementations (spec/formats.md#FMT-5.1): the plug-in runs in a worker thread of
 * its own (FMT-5.3); `pluginImplementation` runs a plug-in object in this thread (CHK-8).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ImplementationFault, UnsupportedCaseError, UsageError } from '../case/errors.js';
import { toLossValues } from '../case/result.js';
import type { LossCase } from '../case/types.js';
import type { PluginOptions } from './command.js';
import { ModuleThread } from './moduleThread.js';
import { caseTimeoutMs, DEFAULT_TIMEOUT_MS, loadTimeoutMs } from './timeouts.js';
import type { Implementation } from './types.js';

/** An implementation as a `module:` plug-in default-exports it (FMT-5.1). */
export interface LossImplementation {
  readonly name: string;
  evaluate(c: LossCase): unknown;
  supports?(c: LossCase): unknown;
}

/** Load an ES module whose default export is `{ name, evaluate, supports? }`, in a thread of its own. */
export async function loadModuleImplementation(path: string, options: PluginOptions = {}): Promise<Implementation> {
  const label = `module:${path}`;
  if (!existsSync(path)) throw new UsageError(`${label}: no such file`);
  const base = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const thread = new ModuleThread(pathToFileURL(resolve(path)).href, label, loadTimeoutMs(base), options.signal);
  const name = await thread.load();
  return {
    name,
    evaluate: async (c) => {
      // Loading is timed apart (FMT-5.5): the case's time starts when it is sent.
      const reply = await thread.request(c, caseTimeoutMs(c, base, false));
      if (reply.kind === 'unsupported') throw new UnsupportedCaseError(reply.reason);
      if (reply.kind === 'error') throw new Error(reply.message);
      if (reply.kind === 'uncloneable') throw new ImplementationFault('not-a-number', reply.message);
      return toLossValues(reply.values);
    },
    close: () => thread.close(),
  };
}

/** A plug-in object as the runner sees it (FMT-5.1): `supports` answers true or a reason. */
export function pluginImplementation(plugin: LossImplementation): Implementation {
  const supports = plugin.supports?.bind(plugin);
  return {
    name: plugin.name,
    supports:
      supports &&
      ((c) => {
        const answer = supports(c);
        return answer === true ? true : String(answer);
      }),
    evaluate: async (c) => toLossValues(await plugin.evaluate(c)),
  };
}
