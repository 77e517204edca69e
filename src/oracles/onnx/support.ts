/**
 * What the ORT implementations refuse, and why (FMT-3 `unsupported`): things ORT cannot do, not
 * cases it might get wrong (those it is given, to show what it does).
 */
import type { LossCase, ProfileName } from '../../case/types.js';
import type { BcelGraphForm } from './graphSpec.js';

/** The profiles whose edge semantics the graphs express (PRO-*): ONNX's own, and PyTorch's, which ONNX exporters emulate. */
const GRAPH_PROFILES: readonly ProfileName[] = ['onnx', 'torch'];

export const REASONS = {
  grad: 'ONNX Runtime inference sessions compute no gradients (gradients need an ORT training build)',
  bfloat16:
    "bfloat16: ONNX Runtime's JavaScript packages (onnxruntime-node, onnxruntime-web) have no bfloat16 tensor " +
    "type, and ORT's CPU kernels have no bfloat16 for these graphs (spec/findings/onnxruntime.md)",
  profile: (p: ProfileName) =>
    `profile ${p}: the ONNX graphs express the onnx and torch profiles only; ${p}'s edge semantics (PRO-3..PRO-11) are not built`,
  exporterForm: 'the exporter-form graph differs from ort only for binary_cross_entropy_with_logits: use ort',
  binarySmoothing: (loss: string) =>
    `label smoothing of ${loss}: ONNX has no binary loss, and the binary graphs (like PyTorch's losses they emulate) take no smoothing`,
} as const;

/** Why an implementation with this BCE-with-logits form does not implement the case, or undefined. */
export function unsupportedReason(c: LossCase, bcelForm: BcelGraphForm): string | undefined {
  if (c.outputs.some((o) => o === 'grad' || o === 'gradWeight' || o === 'gradBias')) return REASONS.grad;
  if (!GRAPH_PROFILES.includes(c.profile)) return REASONS.profile(c.profile);
  if (c.dtype === 'bfloat16') return REASONS.bfloat16;
  if (bcelForm === 'exporter' && c.loss !== 'binary_cross_entropy_with_logits') return REASONS.exporterForm;
  const binary = c.loss === 'binary_cross_entropy' || c.loss === 'binary_cross_entropy_with_logits';
  if (binary && c.labelSmoothing !== 0) return REASONS.binarySmoothing(c.loss);
  return undefined;
}
