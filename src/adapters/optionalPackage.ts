/**
 * Optional peer dependencies (spec/formats.md#CLI-PEER): the runtimes of peers under test
 * (onnxruntime-node, onnxruntime-web, TensorFlow.js) are not installed with losscheck; each is
 * imported here, on demand, and its absence is a setup error that says how to install it.
 */
import { UsageError } from '../case/errors.js';
import { PACKAGE } from '../version.js';

/** Whether `error` is Node's failure to find `name` itself (not a module `name` needs). */
function isMissing(error: unknown, name: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    (message.includes(`'${name}'`) || message.includes(`"${name}"`))
  );
}

/** The command that installs `name` at the range losscheck declares for it. */
export function installLine(name: string): string {
  const range = PACKAGE.peerDependencies?.[name];
  return `npm install ${range ? `${name}@${range}` : name}`;
}

/**
 * Import the optional package `name` for `purpose` (`--impl ort`, …); when it is not installed,
 * a UsageError (exit 2) naming the package and the line that installs it.
 */
export async function optionalPackage<T = unknown>(name: string, purpose: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (e) {
    if (isMissing(e, name))
      throw new UsageError(
        `${purpose} needs ${name}, an optional peer dependency that is not installed: ${installLine(name)}`,
      );
    throw e;
  }
}
