/**
 * `ort` and `ort-unstable` (DESIGN): the graphs on onnxruntime-node's CPU execution provider.
 */
import type { GraphChoices } from './casePlan.js';
import { GRAPH_CHOICES, onnxImplementation, type OrtImplementation } from './implementation.js';
import { NODE_RUNTIME } from './nodeRuntime.js';
import type { OrtName } from './ortNames.js';

export type { OrtImplementation } from './implementation.js';

/** An ORT implementation; `choices` overrides the graphs (opset 12, the LogSoftmax + NLL path). */
export function ortImplementation(name: OrtName = 'ort', choices: Partial<GraphChoices> = {}): OrtImplementation {
  return onnxImplementation(NODE_RUNTIME, name, { ...GRAPH_CHOICES[name], ...choices });
}
