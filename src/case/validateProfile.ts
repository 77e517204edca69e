/**
 * The profile's rules on options and on the shapes and reductions it can express (PRO-1, PRO-2,
 * PRO-4, PRO-5, PRO-7, PRO-9, PRO-14, PRO-15, PRO-18, PRO-20).
 */
import { LossInputError } from './errors.js';
import type { ProfileRules } from './profiles.js';
import { hasSoftmax, type LossCase } from './types.js';
import type { Layout } from './validateShape.js';

function notDefined(field: string, rules: ProfileRules, what: string, clause = 'PRO-2'): LossInputError {
  return new LossInputError(
    'not_defined_by_profile',
    field,
    `${clause} ${rules.name}`,
    `${what} is not defined by the ${rules.name} profile`,
  );
}

/** PRO-7: a per-position loss of shape [0] (an empty [0, C] or [0, L] batch) that the profile leaves unreduced. */
function checkReducible(c: LossCase, rules: ProfileRules): void {
  if (!rules.emptyBatchUnreduced || c.reduction === 'none') return;
  if (c.shape.length === 2 && c.shape[0] === 0)
    throw notDefined(
      'reduction',
      rules,
      `${c.reduction} of an empty [0] batch (the framework returns it unreduced)`,
      'PRO-7',
    );
}

/**
 * PRO-23: whether index targets over this shape keep their class axis. Keras squeezes a one-class
 * prediction `[..., 1]` to the labels' rank unless the labels are `[N]`; the squeezed prediction
 * still works as one class only where its own last dimension is 1 (`[N, 1, d1..dk]`, d_k = 1).
 */
export function definesIndexShape(shape: readonly number[], rules: ProfileRules): boolean {
  const classes = shape.length === 1 ? shape[0] : shape[1];
  if (!rules.squeezesOneClass || classes !== 1) return true;
  return shape.length === 2 || (shape.length >= 3 && shape.at(-1) === 1);
}

function checkSoftmaxOptions(c: LossCase, rules: ProfileRules): void {
  if (c.shape.length === 1 && !rules.unbatched)
    throw notDefined('shape', rules, 'a [C] input without a batch axis', 'CE-1.2, PRO-20');
  if (c.targetKind === 'index' && !definesIndexShape(c.shape, rules))
    throw notDefined('shape', rules, `index targets over one class in shape [${c.shape.join(', ')}]`, 'PRO-23');
  if (c.weight && !rules.classWeights) throw notDefined('weight', rules, 'a class weight');
  if (c.posWeight) throw notDefined('posWeight', rules, `posWeight for ${c.loss}`);
  checkIgnoreIndex(c, rules);
  checkOneHotClasses(c, rules);
}

/** PRO-15: one-hot index targets are tf.oneHot's, which needs a depth of 2 or more. */
function checkOneHotClasses(c: LossCase, rules: ProfileRules): void {
  const classes = c.shape.length === 1 ? c.shape[0]! : c.shape[1]!;
  if (rules.indexTargets !== 'oneHot' || c.targetKind !== 'index' || classes >= 2) return;
  throw new LossInputError(
    'not_defined_by_profile',
    'targetKind',
    `PRO-15 ${rules.name}`,
    'index targets over one class are not defined: tf.oneHot needs a depth of at least 2',
  );
}

function checkIgnoreIndex(c: LossCase, rules: ProfileRules): void {
  if (c.ignoreIndex === undefined) return;
  if (!rules.ignoreIndex) throw notDefined('ignoreIndex', rules, 'an ignore index');
  if (c.targetKind !== 'probability') return;
  if (rules.ignoreWithProbability === 'notDefined')
    throw notDefined('ignoreIndex', rules, 'an ignore index with probability targets');
  if (c.ignoreIndex >= 0) {
    throw new LossInputError(
      'not_defined_by_profile',
      'ignoreIndex',
      `IGN-4, PRO-14 ${rules.name}`,
      `${c.ignoreIndex}: probability targets take only a negative ignore index`,
    );
  }
}

function checkBinaryOptions(c: LossCase, rules: ProfileRules): void {
  if (c.loss === 'binary_cross_entropy' && rules.bceForm === undefined)
    throw notDefined('loss', rules, 'binary_cross_entropy');
  if (c.shape.length === 0 && rules.binaryRowMean)
    throw notDefined('shape', rules, 'a rank-0 input (no last axis to average over)', 'PRO-18');
  if (c.weight && !rules.binaryWeights) throw notDefined('weight', rules, 'a weight');
  if (c.posWeight && !(rules.posWeight && c.loss === 'binary_cross_entropy_with_logits'))
    throw notDefined('posWeight', rules, `posWeight for ${c.loss}`);
  if (c.ignoreIndex !== undefined) throw notDefined('ignoreIndex', rules, `an ignore index for ${c.loss}`);
  const smoothable =
    rules.binarySmoothing === 'both' ||
    (rules.binarySmoothing === 'withLogits' && c.loss === 'binary_cross_entropy_with_logits');
  if (c.labelSmoothing !== 0 && !smoothable) throw notDefined('labelSmoothing', rules, `label smoothing for ${c.loss}`);
}

function checkNllOptions(c: LossCase, rules: ProfileRules): void {
  if (!rules.negativeLogLikelihood) throw notDefined('loss', rules, 'negative_log_likelihood');
  if (c.labelSmoothing !== 0) throw notDefined('labelSmoothing', rules, 'label smoothing for negative_log_likelihood');
  checkSoftmaxOptions(c, rules);
}

/** PRO-2: smoothing of index targets, where the framework's integer-label loss has none. */
function checkIndexSmoothing(c: LossCase, rules: ProfileRules): void {
  if (c.targetKind === 'index' && c.labelSmoothing !== 0 && !rules.indexSmoothing)
    throw notDefined('labelSmoothing', rules, 'label smoothing of index targets (smooth probability targets)');
}

/** Options, shapes and reductions the profile does not define are rejected (PRO-2, PRO-7, PRO-16, PRO-18, PRO-20). */
export function checkProfileOptions(c: LossCase, rules: ProfileRules): void {
  if (hasSoftmax(c.loss)) {
    checkSoftmaxOptions(c, rules);
    checkIndexSmoothing(c, rules);
  } else if (c.loss === 'negative_log_likelihood') checkNllOptions(c, rules);
  else checkBinaryOptions(c, rules);
  checkReducible(c, rules);
}

/** The ε in force (PRO-4) and the class count it divides by (LS-5, PRO-5). */
export function resolveSmoothing(
  c: LossCase,
  rules: ProfileRules,
  layout: Layout,
): { smoothing: number; smoothingClasses: number } {
  const eps = c.labelSmoothing;
  const clause = `LS-6, PRO-4 ${rules.name}`;
  if (!Number.isFinite(eps))
    throw new LossInputError('smoothing_out_of_range', 'labelSmoothing', clause, `${eps} is not a finite number`);
  if (rules.smoothingRange === 'torch' && eps > 1) {
    throw new LossInputError('smoothing_out_of_range', 'labelSmoothing', clause, `${eps} is outside [0, 1]`);
  }
  const ignoresNonPositive = rules.smoothingRange !== 'applyAny';
  const smoothing = ignoresNonPositive && eps <= 0 ? 0 : eps;
  if (!hasSoftmax(c.loss))
    return { smoothing, smoothingClasses: c.loss === 'negative_log_likelihood' ? layout.classes : 2 };
  return { smoothing, smoothingClasses: smoothingClassCount(c, rules, layout, smoothing) };
}

function smoothingClassCount(c: LossCase, rules: ProfileRules, layout: Layout, smoothing: number): number {
  if (rules.smoothingClassCount === 'classes') return layout.classes;
  if (c.shape.length >= 3) return c.shape[2]!;
  if (c.shape.length === 2 || smoothing === 0) return layout.classes;
  throw new LossInputError(
    'not_defined_by_profile',
    'labelSmoothing',
    `LS-5, PRO-5 ${rules.name}`,
    'a rank-1 input has no labels.shape[1] to smooth by',
  );
}
