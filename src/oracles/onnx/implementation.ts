/**
 * ONNX Runtime as an implementation, on either runtime (runtime.ts): each case runs through an
 * ONNX graph. ORT is a peer under test, not a validated path: cases are not checked against
 * their profile, and whatever ORT throws rejects the case.
 */
import type { Implementation } from '../../adapters/types.js';
import { UnsupportedCaseError } from '../../case/errors.js';
import type { LossCase, LossValues } from '../../case/types.js';
import { graphRunFor, type GraphChoices } from './casePlan.js';
import { NAMES } from './graphParts.js';
import { LM_NAMES } from './languageModelGraph.js';
import type { OrtName, OrtWebName } from './ortNames.js';
import type { OrtRuntime } from './runtime.js';
import { SessionCache } from './sessionCache.js';
import { unsupportedReason } from './support.js';
import { tensorValues } from './tensors.js';

export interface OrtImplementation extends Implementation {
  readonly sessions: SessionCache;
  close(): Promise<void>;
}

/** `ort`, `ort-web`: stable graphs; `ort-unstable`: BCE with logits as PyTorch's ONNX exporter emits it. */
export const GRAPH_CHOICES: Readonly<Record<OrtName | OrtWebName, GraphChoices>> = {
  ort: { sceOpset: 13, scePath: 'operator', bcelForm: 'stable' },
  'ort-unstable': { sceOpset: 13, scePath: 'operator', bcelForm: 'exporter' },
  'ort-web': { sceOpset: 13, scePath: 'operator', bcelForm: 'stable' },
};

async function evaluateWith(sessions: SessionCache, choices: GraphChoices, c: LossCase): Promise<LossValues> {
  const reason = unsupportedReason(c, choices.bcelForm);
  if (reason !== undefined) throw new UnsupportedCaseError(reason);
  const run = graphRunFor(c, choices);
  const outputs = await sessions.run(run.spec, run.feeds);
  const optional = (asked: boolean, name: string) => (asked ? tensorValues(outputs[name]!) : undefined);
  return {
    loss: tensorValues(outputs[NAMES.loss]!),
    logProb: optional(c.outputs.includes('logProb'), NAMES.logProb),
    lse: optional(c.outputs.includes('lse'), LM_NAMES.lse),
  };
}

/** An implementation named `name` running the graphs `choices` picks on `runtime`. */
export function onnxImplementation(runtime: OrtRuntime, name: string, choices: GraphChoices): OrtImplementation {
  const sessions = new SessionCache(runtime);
  return {
    name,
    sessions,
    supports: (c) => unsupportedReason(c, choices.bcelForm) ?? true,
    evaluate: (c) => evaluateWith(sessions, choices, c),
    close: () => sessions.close(),
  };
}
