/**
 * IMPL on the command line → an implementation (spec/formats.md#CLI-1, FMT-5; DESIGN's names).
 */
import { UsageError } from '../case/errors.js';
import { BUILT_IN_NAMES, builtIn, type BuiltInName } from '../losses/builtins.js';
import { ORT_NAMES, ORT_WEB_NAMES, type OrtName, type OrtWebName } from '../oracles/onnx/ortNames.js';
import { TFJS_NAMES, type TfjsName } from '../oracles/tfjs/names.js';
import { createReferenceEngine } from '../reference/engines.js';
import { referenceImplementation } from '../reference/reference.js';
import { commandImplementation, type PluginOptions } from './command.js';
import { withFaultLimit } from './faultLimit.js';
import { loadModuleImplementation } from './module.js';
import { optionalPackage } from './optionalPackage.js';
import type { Implementation } from './types.js';

/** How plug-ins run: the base of their per-case timeout, and the signal that stops them (FMT-5.3, CLI-8). */
export type ResolveOptions = PluginOptions;

/** The certified reference, falling back to each slow engine (spec/reference-engine.md#REF-13). */
const REFERENCE_NAMES = ['reference', 'reference-mpfr'] as const;
type ReferenceName = (typeof REFERENCE_NAMES)[number];

const isOneOf = <T extends string>(names: readonly T[], name: string): name is T =>
  (names as readonly string[]).includes(name);

/** The names `--impl` accepts, for messages. */
export const IMPL_FORMS = `${[...BUILT_IN_NAMES, ...REFERENCE_NAMES, ...ORT_NAMES, ...ORT_WEB_NAMES, ...TFJS_NAMES].join(', ')}, module:PATH or cmd:COMMAND`;

async function reference(name: ReferenceName): Promise<Implementation> {
  return referenceImplementation(name, await createReferenceEngine(name === 'reference-mpfr' ? 'mpfr' : 'decimal'));
}

/** ONNX Runtime, loaded on demand: an optional peer dependency (CLI-PEER), slow to load. */
async function ort(name: OrtName): Promise<Implementation> {
  await optionalPackage('onnxruntime-node', `--impl ${name}`);
  return (await import('../oracles/onnx/ort.js')).ortImplementation(name);
}

/** ONNX Runtime Web's WebAssembly backend, on ort's graphs: an optional peer dependency too. */
async function ortWeb(name: OrtWebName): Promise<Implementation> {
  await optionalPackage('onnxruntime-web', `--impl ${name}`);
  return (await import('../oracles/onnx/ortWeb.js')).ortWebImplementation();
}

export async function resolveImplementation(spec: string, options: ResolveOptions = {}): Promise<Implementation> {
  if (isOneOf<BuiltInName>(BUILT_IN_NAMES, spec)) return builtIn(spec);
  if (isOneOf<ReferenceName>(REFERENCE_NAMES, spec)) return reference(spec);
  if (isOneOf<OrtName>(ORT_NAMES, spec)) return ort(spec);
  if (isOneOf<OrtWebName>(ORT_WEB_NAMES, spec)) return ortWeb(spec);
  if (isOneOf<TfjsName>(TFJS_NAMES, spec)) return (await import('../oracles/tfjs/tfjs.js')).tfjsImplementation(spec);
  // Plug-ins run code losscheck does not control: each case is timed, and one that keeps failing is given up on.
  if (spec.startsWith('module:'))
    return withFaultLimit(await loadModuleImplementation(spec.slice('module:'.length), options));
  if (spec.startsWith('cmd:')) return withFaultLimit(commandImplementation(spec.slice('cmd:'.length), options));
  throw new UsageError(`unknown implementation "${spec}": use ${IMPL_FORMS}`);
}
