/**
 * Any valid case (FMT-1) of a chosen loss, dtype and profile: the union the agreement and stress
 * families draw from.
 */
import fc from 'fast-check';
import { PROFILE_RULES } from '../../src/case/profiles.js';
import type { Dtype, LossName, ProfileName } from '../../src/case/types.js';
import { binaryCase } from './binaryCase.js';
import { softmaxCase, type CaseJson } from './softmaxCase.js';

export interface LossCaseConstraints {
  readonly loss: LossName;
  readonly dtype: Dtype;
  /** @defaultValue 'torch' */
  readonly profile?: ProfileName;
  /** @defaultValue ['loss', 'grad'] (with 'logProb' for softmax CE) */
  readonly outputs?: readonly string[];
}

/** Whether the profile defines the loss at all (PRO-2, PRO-9, PRO-16). */
export function profileDefines(loss: LossName, profile: ProfileName): boolean {
  const rules = PROFILE_RULES[profile];
  if (loss === 'binary_cross_entropy') return rules.bceForm !== undefined;
  if (loss === 'negative_log_likelihood') return rules.negativeLogLikelihood;
  return true;
}

export function lossCase(c: LossCaseConstraints): fc.Arbitrary<CaseJson> {
  const profile = c.profile ?? 'torch';
  switch (c.loss) {
    case 'softmax_cross_entropy':
      return softmaxCase({ dtype: c.dtype, profile, outputs: c.outputs ?? ['loss', 'grad', 'logProb'] });
    case 'negative_log_likelihood':
      return softmaxCase({ dtype: c.dtype, profile, targetKind: 'index', smoothing: false, regime: 'moderate', outputs: c.outputs ?? ['loss', 'grad'] }).map(
        (json) => ({ ...json, id: `nll-${profile}-${c.dtype}`, loss: 'negative_log_likelihood' }),
      );
    default:
      return binaryCase({ dtype: c.dtype, loss: c.loss, profile, outputs: c.outputs });
  }
}
