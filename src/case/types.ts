/**
 * The case model: what one evaluation of a loss asks for, and what an implementation answers.
 * The JSON form of both is the contract of spec/formats.md (FMT-*).
 */

/** Floating-point formats a case can be computed in (spec/formats.md#DT-1). */
export type Dtype = 'float64' | 'float32' | 'float16' | 'bfloat16';
export const DTYPES: readonly Dtype[] = ['float64', 'float32', 'float16', 'bfloat16'];

/** The losses (spec/losses.md). */
export type LossName =
  | 'softmax_cross_entropy'
  | 'binary_cross_entropy'
  | 'binary_cross_entropy_with_logits'
  | 'negative_log_likelihood'
  | 'linear_cross_entropy';
export const LOSSES: readonly LossName[] = [
  'softmax_cross_entropy',
  'binary_cross_entropy',
  'binary_cross_entropy_with_logits',
  'negative_log_likelihood',
  'linear_cross_entropy',
];

/** Losses with a class axis (CE-1): softmax CE, and NLL on log-probabilities (NLL-1). */
export function hasClassAxis(loss: LossName): boolean {
  return loss === 'softmax_cross_entropy' || loss === 'negative_log_likelihood';
}

/** Losses that take a softmax of logits: softmax CE and linear CE (LCE-2), with ZL, CAP and LSE. */
export function hasSoftmax(loss: LossName): boolean {
  return loss === 'softmax_cross_entropy' || loss === 'linear_cross_entropy';
}

export type TargetKind = 'index' | 'probability';
export const TARGET_KINDS: readonly TargetKind[] = ['index', 'probability'];

export type Reduction = 'none' | 'mean' | 'sum';
export const REDUCTIONS: readonly Reduction[] = ['none', 'mean', 'sum'];

/** Frameworks whose semantics a case follows (spec/profiles.md). */
export type ProfileName = 'torch' | 'onnx' | 'keras' | 'tfjs' | 'optax';
export const PROFILES: readonly ProfileName[] = ['torch', 'onnx', 'keras', 'tfjs', 'optax'];

export type OutputName = 'loss' | 'grad' | 'logProb' | 'lse' | 'gradWeight' | 'gradBias';
export const OUTPUTS: readonly OutputName[] = ['loss', 'grad', 'logProb', 'lse', 'gradWeight', 'gradBias'];

/**
 * A case decoded from JSON with the documented defaults filled in (FMT-1), not yet validated.
 * Plug-in implementations receive exactly this object.
 */
export interface LossCase {
  readonly id: string;
  readonly loss: LossName;
  readonly dtype: Dtype;
  readonly shape: readonly number[];
  readonly input: Float64Array;
  readonly targetKind: TargetKind;
  readonly target: Float64Array;
  readonly weight?: Float64Array | undefined;
  readonly posWeight?: Float64Array | undefined;
  /** Absent means the profile's default (PRO-IGN). */
  readonly ignoreIndex?: number | undefined;
  readonly labelSmoothing: number;
  readonly reduction: Reduction;
  readonly profile: ProfileName;
  readonly outputs: readonly OutputName[];
  /** ZL-1: the z-loss coefficient; 0 is none. */
  readonly zLoss: number;
  /** CAP-1: the soft-cap; absent is none. */
  readonly logitSoftcap?: number | undefined;
  /** UP-1: the gradient flowing into the loss; absent is 1. */
  readonly upstream?: Float64Array | undefined;
  /** LCE-1: the classifier weight W [V, D] and bias b [V] of linear CE. */
  readonly linearWeight?: Float64Array | undefined;
  readonly linearBias?: Float64Array | undefined;
}

/** What an implementation computed for a case (FMT-3). */
export interface LossValues {
  loss: Float64Array;
  grad?: Float64Array | undefined;
  logProb?: Float64Array | undefined;
  /** LSE-1. */
  lse?: Float64Array | undefined;
  /** LCE-3. */
  gradWeight?: Float64Array | undefined;
  gradBias?: Float64Array | undefined;
}

/** One result line: values, a rejection (`error`) or a refusal (`unsupported`) (FMT-3). */
export type CaseResult =
  ({ id: string } & LossValues) | { id: string; error: string } | { id: string; unsupported: string };

export function isErrorResult(r: CaseResult): r is { id: string; error: string } {
  return 'error' in r;
}

export function isUnsupportedResult(r: CaseResult): r is { id: string; unsupported: string } {
  return 'unsupported' in r;
}
