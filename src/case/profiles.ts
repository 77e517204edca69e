/**
 * Framework profiles as data: one object per row of spec/profiles.md. Validation and every
 * implementation read these knobs; nothing else in the code branches on a profile's name.
 */
import type { ProfileName } from './types.js';

/** The binary cross-entropy form on probabilities (PRO-9). */
export type BceForm = 'clampLog' | 'clip' | 'epsilonInLog';

/** The expression a framework evaluates for BCE with logits, which decides ±∞ (PRO-11). */
export type BcelForm = 'torch' | 'tensorflow' | 'optax';

export interface ProfileRules {
  readonly name: ProfileName;
  /** PRO-1: the ignore index when a case gives none; undefined ignores nothing. */
  readonly defaultIgnoreIndex: number | undefined;
  /** PRO-2: options the profile defines. */
  readonly classWeights: boolean;
  readonly ignoreIndex: boolean;
  readonly softmaxSmoothing: boolean;
  /** PRO-2: label smoothing of index targets (Keras's sparse loss and optax's integer-label loss have none). */
  readonly indexSmoothing: boolean;
  /** PRO-2: which binary losses take label smoothing (LS-7). */
  readonly binarySmoothing: 'none' | 'withLogits' | 'both';
  /** PRO-17: `split` forms the smoothed target term apart (LS-2.1). */
  readonly smoothingForm: 'split' | 'dense';
  readonly binaryWeights: boolean;
  readonly posWeight: boolean;
  /** PRO-3: what an index target outside [0, C) means. */
  readonly labelRange: 'error' | 'zeroRow' | 'wrapOrNaN';
  /** PRO-15: `gather` keeps only the target's term (CE-3.3); `oneHot` every class's (CE-4.3). */
  readonly indexTargets: 'gather' | 'oneHot';
  /** PRO-4: `applyPositive` smooths only for ε > 0; `torch` also rejects ε > 1. */
  readonly smoothingRange: 'torch' | 'applyPositive' | 'applyAny';
  /** PRO-5: `channelLastDim1` is TF.js's labels.shape[1]. */
  readonly smoothingClassCount: 'classes' | 'channelLastDim1';
  /** PRO-6: the mean denominator of index targets. */
  readonly indexMeanDenominator: 'targetWeights' | 'nonIgnoredCount' | 'positions';
  /** PRO-6: the mean denominator of the binary losses. */
  readonly binaryMeanDenominator: 'elements' | 'nonzeroWeights';
  /** PRO-7: `zero` is Keras's divide_no_nan. */
  readonly emptyMean: 'divide' | 'zero';
  /** PRO-8: `unit` is the gradient p − q of TF.js and of TensorFlow's fused kernel. */
  readonly softmaxGradMass: 'exact' | 'unit';
  /** PRO-9; undefined: BCE on probabilities is not defined. */
  readonly bceForm: BceForm | undefined;
  /** PRO-10: reject p outside [0, 1] (and NaN), and targets outside [0, 1] for BCE. */
  readonly bceRangeChecked: boolean;
  /** PRO-11. */
  readonly bcelForm: BcelForm;
  /** PRO-18: the binary losses give one loss per row, the mean over the last axis (Keras). */
  readonly binaryRowMean: boolean;
  /** PRO-19: labels and the ignore index are rounded into the case's dtype first (Keras). */
  readonly labelsInDtype: boolean;
  /** PRO-20: softmax CE and NLL take a `[C]` input (CE-1.2); ONNX's operators need a batch axis. */
  readonly unbatched: boolean;
  /** PRO-23: a one-class prediction loses its class axis to a squeeze under index targets (Keras). */
  readonly squeezesOneClass: boolean;
  /** PRO-21: an ignored row's gradient is NaN on a CE-2.2 row, or on any non-finite logit (Keras). */
  readonly ignoredRowNaN: 'undefinedRow' | 'nonFinite';
  /** PRO-7: a per-position loss of shape [0] stays unreduced, so `mean` and `sum` have no value (Keras). */
  readonly emptyBatchUnreduced: boolean;
  /** PRO-16: NLL on log-probabilities is defined (PyTorch's nll_loss, ONNX's operator). */
  readonly negativeLogLikelihood: boolean;
  /** PRO-14: probability targets accept only a negative ignore index. */
  readonly ignoreWithProbability: 'negativeOnly' | 'notDefined';
  /** PRO-25: zLoss, logitSoftcap and linear_cross_entropy are defined. */
  readonly languageModelLosses: boolean;
  /** PRO-26: float16 and bfloat16 are computed in float32 (TOL-OPMATH), or in the dtype. */
  readonly opmath: 'float32' | 'dtype';
}

const torch: ProfileRules = {
  name: 'torch',
  defaultIgnoreIndex: -100,
  classWeights: true,
  ignoreIndex: true,
  softmaxSmoothing: true,
  indexSmoothing: true,
  binarySmoothing: 'none',
  smoothingForm: 'split',
  binaryWeights: true,
  posWeight: true,
  labelRange: 'error',
  indexTargets: 'gather',
  smoothingRange: 'torch',
  smoothingClassCount: 'classes',
  indexMeanDenominator: 'targetWeights',
  binaryMeanDenominator: 'elements',
  emptyMean: 'divide',
  softmaxGradMass: 'exact',
  bceForm: 'clampLog',
  bceRangeChecked: true,
  bcelForm: 'torch',
  ignoreWithProbability: 'negativeOnly',
  negativeLogLikelihood: true,
  binaryRowMean: false,
  labelsInDtype: false,
  unbatched: true,
  squeezesOneClass: false,
  ignoredRowNaN: 'undefinedRow',
  emptyBatchUnreduced: false,
  languageModelLosses: true,
  opmath: 'float32',
};

/** No options beyond smoothing: the shape shared by keras, tfjs and optax. */
const unweighted = {
  classWeights: false,
  posWeight: false,
  bceRangeChecked: false,
  ignoreWithProbability: 'notDefined',
  negativeLogLikelihood: false,
  binaryRowMean: false,
  labelsInDtype: false,
  unbatched: true,
  squeezesOneClass: false,
  ignoredRowNaN: 'undefinedRow',
  emptyBatchUnreduced: false,
  languageModelLosses: false,
} as const;

export const PROFILE_RULES: Readonly<Record<ProfileName, ProfileRules>> = {
  torch,
  onnx: {
    ...torch,
    name: 'onnx',
    defaultIgnoreIndex: undefined,
    ignoreWithProbability: 'notDefined',
    unbatched: false,
    opmath: 'dtype',
  },
  keras: {
    ...unweighted,
    name: 'keras',
    defaultIgnoreIndex: undefined,
    ignoreIndex: true,
    softmaxSmoothing: true,
    indexSmoothing: false,
    binarySmoothing: 'both',
    smoothingForm: 'dense',
    binaryWeights: false,
    labelRange: 'error',
    indexTargets: 'gather',
    smoothingRange: 'applyAny',
    smoothingClassCount: 'classes',
    indexMeanDenominator: 'nonIgnoredCount',
    binaryMeanDenominator: 'elements',
    emptyMean: 'zero',
    emptyBatchUnreduced: true,
    softmaxGradMass: 'unit',
    bceForm: 'clip',
    bcelForm: 'tensorflow',
    binaryRowMean: true,
    labelsInDtype: true,
    squeezesOneClass: true,
    ignoredRowNaN: 'nonFinite',
    opmath: 'dtype',
  },
  tfjs: {
    ...unweighted,
    name: 'tfjs',
    defaultIgnoreIndex: undefined,
    ignoreIndex: false,
    softmaxSmoothing: true,
    indexSmoothing: true,
    binarySmoothing: 'withLogits',
    smoothingForm: 'dense',
    binaryWeights: true,
    labelRange: 'zeroRow',
    indexTargets: 'oneHot',
    smoothingRange: 'applyPositive',
    smoothingClassCount: 'channelLastDim1',
    indexMeanDenominator: 'positions',
    binaryMeanDenominator: 'nonzeroWeights',
    emptyMean: 'divide',
    softmaxGradMass: 'unit',
    bceForm: 'epsilonInLog',
    bcelForm: 'tensorflow',
    opmath: 'float32',
  },
  optax: {
    ...unweighted,
    name: 'optax',
    defaultIgnoreIndex: undefined,
    ignoreIndex: false,
    softmaxSmoothing: true,
    indexSmoothing: false,
    binarySmoothing: 'none',
    smoothingForm: 'dense',
    binaryWeights: false,
    labelRange: 'wrapOrNaN',
    indexTargets: 'gather',
    smoothingRange: 'applyAny',
    smoothingClassCount: 'classes',
    indexMeanDenominator: 'positions',
    binaryMeanDenominator: 'elements',
    emptyMean: 'divide',
    softmaxGradMass: 'exact',
    bceForm: undefined,
    bcelForm: 'optax',
    opmath: 'dtype',
  },
};
