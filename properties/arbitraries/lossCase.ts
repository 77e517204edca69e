/**
 * Any valid case (FMT-1) of a chosen loss, dtype and profile: the union the agreement and stress
 * families draw from.
 */
import fc from 'fast-check';
import { PROFILE_RULES } from '../../src/case/profiles.js';
import type { Dtype, LossName, ProfileName } from '../../src/case/types.js';
import { binaryCase, type BinaryCaseConstraints } from './binaryCase.js';
import { linearCase, type LinearCaseConstraints } from './linearCase.js';
import { softmaxCase, type CaseJson, type SoftmaxCaseConstraints } from './softmaxCase.js';

export interface LossCaseConstraints {
  readonly loss: LossName;
  readonly dtype: Dtype;
  /** @defaultValue 'torch' */
  readonly profile?: ProfileName;
  /** @defaultValue ['loss', 'grad'] (with 'logProb' for softmax CE) */
  readonly outputs?: readonly string[];
  /** Constraints for softmax CE and NLL cases (NLL keeps index targets, no smoothing). @defaultValue {} */
  readonly softmax?: Partial<SoftmaxCaseConstraints>;
  /** Constraints for the binary losses. @defaultValue {} */
  readonly binary?: Partial<BinaryCaseConstraints>;
  /** Constraints for linear CE. @defaultValue {} */
  readonly linear?: Partial<LinearCaseConstraints>;
}

/** Whether the profile defines the loss at all (PRO-2, PRO-9, PRO-16). */
export function profileDefines(loss: LossName, profile: ProfileName): boolean {
  const rules = PROFILE_RULES[profile];
  if (loss === 'binary_cross_entropy') return rules.bceForm !== undefined;
  if (loss === 'negative_log_likelihood') return rules.negativeLogLikelihood;
  if (loss === 'linear_cross_entropy') return rules.languageModelLosses;
  return true;
}

export function lossCase(c: LossCaseConstraints): fc.Arbitrary<CaseJson> {
  const profile = c.profile ?? 'torch';
  switch (c.loss) {
    case 'softmax_cross_entropy':
      return softmaxCase({
        outputs: c.outputs ?? ['loss', 'grad', 'logProb', 'lse'],
        ...c.softmax,
        dtype: c.dtype,
        profile,
      });
    case 'negative_log_likelihood': {
      // NLL is not shift-invariant: its loss is the logit itself, so the regimes that only keep
      // differences small (extreme, offset) would overflow its sums; moderate logits by default.
      const nll = {
        regime: 'moderate' as const,
        outputs: c.outputs ?? ['loss', 'grad'],
        ...c.softmax,
        dtype: c.dtype,
        profile,
        targetKind: 'index' as const,
        smoothing: false,
        languageModel: false,
      };
      return softmaxCase(nll).map((json) => ({
        ...json,
        id: `nll-${profile}-${c.dtype}`,
        loss: 'negative_log_likelihood',
      }));
    }
    case 'linear_cross_entropy':
      return linearCase({ ...(c.outputs && { outputs: c.outputs }), ...c.linear, dtype: c.dtype, profile });
    default:
      return binaryCase({ outputs: c.outputs, ...c.binary, dtype: c.dtype, loss: c.loss, profile });
  }
}
