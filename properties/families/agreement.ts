/**
 * Agreement with the certified reference (TOL-LEVEL): loss, gradient and log-probabilities of
 * generated valid cases, for every loss, dtype and profile in scope.
 */
import { lossCase } from '../arbitraries/lossCase.js';
import type { CaseJson, Family, PropertyCheck } from './family.js';
import { judgeAgainstReference } from './judge.js';
import { checkId, whereIn } from './scoped.js';

export const agreement: Family = (scope) =>
  whereIn(scope).map((where): PropertyCheck<CaseJson> => ({
    id: checkId('agreement', where),
    family: 'agreement',
    clauses: ['TOL-LEVEL', 'DT-3'],
    arbitrary: lossCase(where),
    caseOf: (json) => json,
    judge: judgeAgainstReference,
  })) as PropertyCheck<unknown>[];
