/**
 * IMPL on the command line → an implementation (spec/formats.md#CLI-1, FMT-5).
 */
import { UsageError } from '../case/errors.js';
import { BUILT_IN_NAMES, builtIn, type BuiltInName } from '../losses/builtins.js';
import { commandImplementation } from './command.js';
import { loadModuleImplementation } from './module.js';
import type { Implementation } from './types.js';

export interface ResolveOptions {
  /** Per-case timeout of `cmd:` processes (FMT-5.2). */
  readonly timeoutMs?: number;
}

const isBuiltIn = (name: string): name is BuiltInName => (BUILT_IN_NAMES as readonly string[]).includes(name);

/** The names `--impl` accepts, for messages. */
export const IMPL_FORMS = `${BUILT_IN_NAMES.join(', ')}, module:PATH or cmd:COMMAND`;

export async function resolveImplementation(spec: string, options: ResolveOptions = {}): Promise<Implementation> {
  if (isBuiltIn(spec)) return builtIn(spec);
  if (spec.startsWith('module:')) return loadModuleImplementation(spec.slice('module:'.length));
  if (spec.startsWith('cmd:')) return commandImplementation(spec.slice('cmd:'.length), options.timeoutMs);
  throw new UsageError(`unknown implementation "${spec}": use ${IMPL_FORMS}`);
}
