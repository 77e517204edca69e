/**
 * TF.js as an implementation: what the rest of losscheck (the registry, the findings) uses.
 */
export { tfjsImplementation } from './tfjs.js';
export { TFJS_NAMES, type TfjsName } from './names.js';
export { REASONS as TFJS_UNSUPPORTED_REASONS } from './support.js';
