/**
 * TF.js's gradient registrations, loaded explicitly. tfjs-core's Node bundle registers no
 * gradients (tf.grad fails with "gradient function not found for RealDiv"); they live in
 * `dist/register_all_gradients.js`, an ES module tree written for bundlers, whose relative
 * imports have no file extension, which Node's loader does not resolve. A resolve hook, limited
 * to that tree, adds the `.js`. The gradients then register into the global registry that the
 * Node bundle's engine reads (tfjs-core keeps its engine and registries on the global object, so
 * both copies of the library share them).
 */
import { register } from 'node:module';

/** The hook, as source: a data: URL needs no file beside the compiled code (or the .ts under vitest). */
const RESOLVE_HOOK = `
const TREE = '/@tensorflow/tfjs-core/dist/';
export async function resolve(specifier, context, next) {
  const inTree = context.parentURL !== undefined && context.parentURL.includes(TREE);
  if (!inTree || !specifier.startsWith('.') || specifier.endsWith('.js')) return next(specifier, context);
  try {
    return await next(specifier + '.js', context);
  } catch {
    return next(specifier + '/index.js', context);
  }
}`;

let registered: Promise<unknown> | undefined;

/** Register every TF.js gradient, once per process. */
export function registerTfjsGradients(): Promise<unknown> {
  if (registered === undefined) {
    register(`data:text/javascript,${encodeURIComponent(RESOLVE_HOOK)}`);
    registered = import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  }
  return registered;
}
