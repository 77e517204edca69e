/**
 * ONNX Runtime as an implementation (DESIGN: `ort`): each case runs through an ONNX graph on
 * onnxruntime-node's CPU execution provider. ORT is a peer under test, not a validated path:
 * cases are not checked against their profile, and whatever ORT throws rejects the case.
 */
import type { Implementation } from '../../adapters/types.js';
import { UnsupportedCaseError } from '../../case/errors.js';
import type { LossCase, LossValues } from '../../case/types.js';
import { graphRunFor, type GraphChoices } from './casePlan.js';
import { NAMES } from './graphParts.js';
import { SessionCache } from './sessionCache.js';
import { unsupportedReason } from './support.js';
import type { OrtName } from './ortNames.js';
import { tensorValues } from './tensors.js';

export interface OrtImplementation extends Implementation {
  readonly sessions: SessionCache;
  close(): Promise<void>;
}

/** `ort`: stable graphs; `ort-unstable`: BCE with logits as PyTorch's ONNX exporter emits it. */
const CHOICES: Readonly<Record<OrtName, GraphChoices>> = {
  ort: { sceOpset: 13, scePath: 'operator', bcelForm: 'stable' },
  'ort-unstable': { sceOpset: 13, scePath: 'operator', bcelForm: 'exporter' },
};

async function evaluateWith(sessions: SessionCache, choices: GraphChoices, c: LossCase): Promise<LossValues> {
  const reason = unsupportedReason(c, choices.bcelForm);
  if (reason !== undefined) throw new UnsupportedCaseError(reason);
  const run = graphRunFor(c, choices);
  const session = await sessions.session(run.spec);
  const outputs = await session.run(run.feeds);
  const logProb = c.outputs.includes('logProb') ? tensorValues(outputs[NAMES.logProb]!) : undefined;
  return { loss: tensorValues(outputs[NAMES.loss]!), logProb };
}

/** An ORT implementation; `choices` overrides the graphs (opset 12, the LogSoftmax + NLL path). */
export function ortImplementation(name: OrtName = 'ort', choices: Partial<GraphChoices> = {}): OrtImplementation {
  const chosen = { ...CHOICES[name], ...choices };
  const sessions = new SessionCache();
  return {
    name,
    sessions,
    supports: (c) => unsupportedReason(c, chosen.bcelForm) ?? true,
    evaluate: (c) => evaluateWith(sessions, chosen, c),
    close: () => sessions.close(),
  };
}
