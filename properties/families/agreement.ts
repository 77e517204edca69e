/**
 * Agreement with the certified reference (TOL-LEVEL): loss, gradient and log-probabilities of
 * generated valid cases, for every loss, dtype and profile in scope.
 */
import { lossCase, profileDefines } from '../arbitraries/lossCase.js';
import type { CaseJson, Family, PropertyCheck } from './family.js';
import { judgeAgainstReference } from './judge.js';

export const agreement: Family = (scope) => {
  const checks: PropertyCheck<CaseJson>[] = [];
  for (const loss of scope.losses) {
    for (const profile of scope.profiles.filter((p) => profileDefines(loss, p))) {
      for (const dtype of scope.dtypes) {
        checks.push({
          id: `agreement/${loss}/${dtype}/${profile}`,
          family: 'agreement',
          clauses: ['TOL-LEVEL', 'DT-3'],
          arbitrary: lossCase({ loss, dtype, profile }),
          caseOf: (json) => json,
          judge: judgeAgainstReference,
        });
      }
    }
  }
  return checks as PropertyCheck<unknown>[];
};
