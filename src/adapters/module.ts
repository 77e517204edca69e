/**
 * `module:PATH` implementations (spec/formats.md#FMT-5.1).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../case/errors.js';
import { toLossValues } from '../case/result.js';
import type { LossCase } from '../case/types.js';
import type { Implementation } from './types.js';

/** An implementation as a `module:` plug-in default-exports it (FMT-5.1). */
export interface LossImplementation {
  readonly name: string;
  evaluate(c: LossCase): unknown;
  supports?(c: LossCase): unknown;
}

function isPlugin(value: unknown): value is LossImplementation {
  const v = value as Partial<LossImplementation> | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.evaluate === 'function';
}

/** Load an ES module whose default export is `{ name, evaluate, supports? }`. */
export async function loadModuleImplementation(path: string): Promise<Implementation> {
  const url = pathToFileURL(resolve(path)).href;
  let loaded: { default?: unknown };
  try {
    loaded = (await import(url)) as { default?: unknown };
  } catch (e) {
    throw new UsageError(`module:${path} could not be loaded: ${(e as Error).message}`);
  }
  const plugin = loaded.default;
  if (!isPlugin(plugin)) {
    throw new UsageError(`module:${path} must default-export { name: string, evaluate(c) } (FMT-5.1)`);
  }
  return pluginImplementation(plugin);
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
