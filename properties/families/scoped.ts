/**
 * The (loss, dtype, profile) combinations a family checks: those of the run's scope where the
 * profile defines the loss (PRO-2, PRO-9, PRO-16), in a stable order (ids must not move).
 */
import { PROFILE_RULES, type ProfileRules } from '../../src/case/profiles.js';
import type { Dtype, LossName, ProfileName } from '../../src/case/types.js';
import { profileDefines } from '../arbitraries/lossCase.js';
import type { Scope } from './family.js';

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
