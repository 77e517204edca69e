/**
 * What TF.js does not offer, and why (FMT-3 `unsupported`): losses, dtypes and options its
 * loss functions lack. Cases it might get wrong are given to it, to show what it does.
 */
import type { LossCase } from '../../case/types.js';

export const REASONS = {
  profile: (p: string) =>
    `profile ${p}: TF.js's losses follow the tfjs profile (spec/profiles.md); check them with --profile tfjs`,
  dtype: (d: string) => `${d}: TF.js computes in float32 only (its tensors have no float64, float16 or bfloat16 type)`,
  nll: 'TF.js has no negative log-likelihood loss on log-probabilities',
  linear:
    'TF.js has no linear cross-entropy (a fused classifier and loss): the tfjs profile does not define it (PRO-25)',
  zLoss: 'tf.losses.softmaxCrossEntropy has no z-loss term (PRO-25)',
  logitSoftcap: 'tf.losses.softmaxCrossEntropy has no logit soft-cap (PRO-25)',
  classWeight: 'tf.losses.softmaxCrossEntropy has no per-class weight (its weights are per position)',
  ignoreIndex: 'TF.js has no ignore index',
  posWeight: 'tf.losses.sigmoidCrossEntropy has no pos_weight',
  bceSmoothing: 'tf.losses.logLoss has no label smoothing',
  labels: 'TF.js class labels are int32 values (tf.oneHot): this target holds a value outside int32',
} as const;

const isInt32 = (v: number): boolean => Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31;

function softmaxReason(c: LossCase): string | undefined {
  if (c.weight) return REASONS.classWeight;
  if (c.zLoss !== 0) return REASONS.zLoss;
  if (c.logitSoftcap !== undefined) return REASONS.logitSoftcap;
  if (c.targetKind === 'index' && !c.target.every(isInt32)) return REASONS.labels;
  return undefined;
}

/** Why TF.js does not implement the case, or undefined. */
export function unsupportedReason(c: LossCase): string | undefined {
  if (c.profile !== 'tfjs') return REASONS.profile(c.profile);
  if (c.dtype !== 'float32') return REASONS.dtype(c.dtype);
  if (c.loss === 'negative_log_likelihood') return REASONS.nll;
  // Not the binary call: graphs.ts would read h as logits of sigmoidCrossEntropy (a case accepted, badInputs).
  if (c.loss === 'linear_cross_entropy') return REASONS.linear;
  if (c.ignoreIndex !== undefined) return REASONS.ignoreIndex;
  if (c.posWeight) return REASONS.posWeight;
  if (c.loss === 'softmax_cross_entropy') return softmaxReason(c);
  if (c.loss === 'binary_cross_entropy' && c.labelSmoothing !== 0) return REASONS.bceSmoothing;
  return undefined;
}
