/**
 * The (loss, dtype, profile) combinations a family checks: those of the run's scope where the
 * profile defines the loss (PRO-2, PRO-9, PRO-16), in a stable order (ids must not move); the
 * id of a combination's check, and the check itself where its input is its case.
 */
import type fc from 'fast-check';
import { PROFILE_RULES, type ProfileRules } from '../../src/case/profiles.js';
import type { Dtype, LossName, ProfileName } from '../../src/case/types.js';
import { profileDefines } from '../arbitraries/lossCase.js';
import type { CaseJson, PropertyCheck, Scope } from './family.js';
import { judgeAgainstReference } from './judge.js';

export interface Where {
  readonly loss: LossName;
  readonly dtype: Dtype;
  readonly profile: ProfileName;
  readonly rules: ProfileRules;
}

/** Every combination of the scope, restricted to `losses` when given. */
export function whereIn(scope: Scope, losses: readonly LossName[] = scope.losses): Where[] {
  return scope.losses
    .filter((loss) => losses.includes(loss))
    .flatMap((loss) =>
      scope.profiles
        .filter((profile) => profileDefines(loss, profile))
        .flatMap((profile) => scope.dtypes.map((dtype) => ({ loss, dtype, profile, rules: PROFILE_RULES[profile] }))),
    );
}

/** The conventional id `family/.../loss/dtype/profile`. */
export function checkId(family: string, where: Where, ...parts: string[]): string {
  return [family, ...parts, where.loss, where.dtype, where.profile].join('/');
}

/** What a check of one combination whose input is its own case is made of. */
export interface CaseCheckParts {
  /** Between the family and the combination in the id (`stress/bigRow/...`): none for a family's main check. */
  readonly name?: string;
  readonly clauses: readonly string[];
  readonly arbitrary: fc.Arbitrary<CaseJson>;
  /** The judgement of a case: against the reference (TOL-LEVEL) unless said. */
  readonly judge?: PropertyCheck<CaseJson>['judge'];
  /** Runs for a heavy check, instead of the run's default. */
  readonly runs?: number;
}

/** The check of one combination whose input is its own case, id `family/name/loss/dtype/profile`. */
export function caseCheck(family: string, where: Where, parts: CaseCheckParts): PropertyCheck<CaseJson> {
  const { name, clauses, arbitrary, judge = judgeAgainstReference, runs } = parts;
  return {
    id: checkId(family, where, ...(name === undefined ? [] : [name])),
    family,
    clauses,
    arbitrary,
    caseOf: (json) => json,
    judge,
    ...(runs !== undefined && { runs }),
  };
}
