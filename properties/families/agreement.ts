/**
 * Agreement with the certified reference (TOL-LEVEL): loss, gradient and log-probabilities of
 * generated valid cases, for every loss, dtype and profile in scope.
 */
import { lossCase } from '../arbitraries/lossCase.js';
import type { Family, PropertyCheck } from './family.js';
import { caseCheck, whereIn } from './scoped.js';

export const agreement: Family = (scope) =>
  whereIn(scope).map((where) =>
    caseCheck('agreement', where, { clauses: ['TOL-LEVEL', 'DT-3'], arbitrary: lossCase(where) }),
  ) as PropertyCheck<unknown>[];
