/**
 * Stress (TOL-LEVEL.2): the regimes where loss kernels break — logits up to the dtype's largest
 * value (every difference within it, logits.ts), near exp's overflow threshold, a dominant class
 * (tiny losses), ties, masked classes, subnormals, probabilities at and next to 0 and 1, and rows
 * of 131072 classes — judged against the reference: no NaN or ∞ where the exact value is finite,
 * the error within the level.
 */
import type { LogitRegime } from '../arbitraries/logits.js';
import { bigRow } from '../arbitraries/bigRow.js';
import { lossCase } from '../arbitraries/lossCase.js';
import type { CaseJson, Family, PropertyCheck } from './family.js';
import { judgeAgainstReference } from './judge.js';
import { checkId, whereIn, type Where } from './scoped.js';

const SOFTMAX_REGIMES: readonly LogitRegime[] = [
  'extreme',
  'nearOverflow',
  'dominant',
  'ties',
  'masked',
  'subnormal',
  'offset',
];
/** NLL's loss is the logit itself (NLL-1): wide and tiny logits, not extreme ones (lossCase.ts). */
const NLL_REGIMES: readonly LogitRegime[] = ['wide', 'subnormal', 'ties'];

const CLAUSES = ['TOL-LEVEL.2', 'TOL-LEVEL.5', 'CE-2.1', 'BCEL-1', 'BCE-1'];

function extremeCases(where: Where): PropertyCheck<CaseJson> {
  const regime = where.loss === 'negative_log_likelihood' ? NLL_REGIMES : SOFTMAX_REGIMES;
  return {
    id: checkId('stress', where),
    family: 'stress',
    clauses: CLAUSES,
    arbitrary: lossCase({ ...where, softmax: { regime }, binary: { values: 'extreme' } }),
    caseOf: (json) => json,
    judge: judgeAgainstReference,
  };
}

/** One run per dtype: the reference needs seconds for a row of 131072 classes. */
function bigRows(where: Where): PropertyCheck<CaseJson> {
  return {
    id: checkId('stress', where, 'bigRow'),
    family: 'stress',
    clauses: ['CE-2.1', 'TOL-LEVEL.5'],
    arbitrary: bigRow(where),
    caseOf: (json) => json,
    judge: judgeAgainstReference,
    runs: 1,
  };
}

export const stress: Family = (scope) =>
  [
    ...whereIn(scope).map(extremeCases),
    ...whereIn(scope, ['softmax_cross_entropy']).map(bigRows),
  ] as PropertyCheck<unknown>[];
