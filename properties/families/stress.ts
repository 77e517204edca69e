/**
 * Stress (TOL-LEVEL.2): the regimes where loss kernels break — logits up to the dtype's largest
 * value (every difference within it, logits.ts), near exp's overflow threshold, a dominant class
 * (tiny losses), ties, masked classes, subnormals, magnitudes in the hundreds, probabilities at
 * and next to 0 and 1, rows of 262144 classes, linear CE over 131072 classes, targets
 * at p_t in {0.9, 0.99, 0.999}, every label ignored under mean — judged against the reference: no
 * NaN or ∞ where the exact value is finite, the error within the level.
 */
import type { LogitRegime } from '../arbitraries/logits.js';
import { bigLinear } from '../arbitraries/bigLinear.js';
import { bigRow } from '../arbitraries/bigRow.js';
import { lossCase } from '../arbitraries/lossCase.js';
import type { CaseJson, Family, PropertyCheck } from './family.js';
import { caseCheck, whereIn, type Where } from './scoped.js';

const SOFTMAX_REGIMES: readonly LogitRegime[] = [
  'extreme',
  'nearOverflow',
  'dominant',
  'ties',
  'masked',
  'subnormal',
  'offset',
  'hundreds',
];
/** NLL's loss is the logit itself (NLL-1): wide and tiny logits, not extreme ones (lossCase.ts). */
const NLL_REGIMES: readonly LogitRegime[] = ['wide', 'subnormal', 'ties'];

const CLAUSES = ['TOL-LEVEL.2', 'TOL-LEVEL.5', 'CE-2.1', 'BCEL-1', 'BCE-1'];

const LANGUAGE_MODEL = ['softmax_cross_entropy', 'linear_cross_entropy'] as const;

function extremeCases(where: Where): PropertyCheck<CaseJson> {
  const regime = where.loss === 'negative_log_likelihood' ? NLL_REGIMES : SOFTMAX_REGIMES;
  return caseCheck('stress', where, {
    clauses: CLAUSES,
    arbitrary: lossCase({ ...where, softmax: { regime }, binary: { values: 'extreme' }, linear: { regime: 'large' } }),
  });
}

/** One run per dtype: the reference needs a second for a row of 262144 classes (vocabularies over 250k). */
function bigRows(where: Where): PropertyCheck<CaseJson> {
  return caseCheck('stress', where, {
    name: 'bigRow',
    clauses: ['CE-2.1', 'TOL-LEVEL.5'],
    arbitrary: bigRow({ ...where, classes: 262144 }),
    runs: 1,
  });
}

/** Linear CE over 131072 classes, bfloat16 inputs among the dtypes: float32 accumulation or bust. */
function bigLinearRows(where: Where): PropertyCheck<CaseJson> {
  return caseCheck('stress', where, {
    name: 'bigVocab',
    clauses: ['LCE-2', 'TOL-OPMATH'],
    arbitrary: bigLinear(where),
    runs: 1,
  });
}

/** Targets at p_t in {0.9, 0.99, 0.999}: the gradient p_t − 1 that a bfloat16-rounded p_t loses. */
function confidentRows(where: Where): PropertyCheck<CaseJson> {
  return caseCheck('stress', where, {
    name: 'confident',
    clauses: ['GRAD-1', 'TOL-OPMATH.2'],
    arbitrary: lossCase({
      ...where,
      softmax: { regime: 'confident', targetKind: 'index' },
      linear: { regime: 'confident' },
    }),
  });
}

/** Every label ignored under mean: RED-4's 0/0 and GRAD-3's zero gradient (Liger #177 divided by zero). */
function allIgnored(where: Where): PropertyCheck<CaseJson> {
  const ignore = where.rules.defaultIgnoreIndex ?? -1;
  return caseCheck('stress', where, {
    name: 'allIgnored',
    clauses: ['RED-4', 'GRAD-3', 'IGN-1'],
    arbitrary: lossCase({ ...where, softmax: { targetKind: 'index' } }).map((json) => ({
      ...json,
      target: (json.target as number[]).map(() => ignore),
      ...(where.rules.defaultIgnoreIndex === undefined && { ignoreIndex: ignore }),
      reduction: 'mean',
      upstream: undefined,
    })),
  });
}

export const stress: Family = (scope) =>
  [
    ...whereIn(scope).map(extremeCases),
    ...whereIn(scope, ['softmax_cross_entropy']).map(bigRows),
    ...whereIn(scope, ['linear_cross_entropy']).map(bigLinearRows),
    ...whereIn(scope, LANGUAGE_MODEL).map(confidentRows),
    ...whereIn(scope, LANGUAGE_MODEL)
      .filter((where) => where.rules.ignoreIndex)
      .map(allIgnored),
  ] as PropertyCheck<unknown>[];
