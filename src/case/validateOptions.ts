/**
 * The options of the losses language models train with (spec/losses.md#ZL-1, ZL-5, CAP-1, LCE-1,
 * PRO-25): where they are defined, and their ranges.
 */
import { LossInputError } from './errors.js';
import type { ProfileRules } from './profiles.js';
import { hasSoftmax, type LossCase } from './types.js';

function notDefined(field: string, clause: string, what: string): LossInputError {
  return new LossInputError('not_defined_by_profile', field, clause, what);
}

/** PRO-25, ZL-5, LCE-1: the options and the loss only where some framework defines them. */
function checkDefined(c: LossCase, rules: ProfileRules): void {
  const options = [
    ['zLoss', c.zLoss !== 0, 'ZL-5'],
    ['logitSoftcap', c.logitSoftcap !== undefined, 'ZL-5'],
  ] as const;
  for (const [field, present, clause] of options) {
    if (!present) continue;
    if (!hasSoftmax(c.loss)) throw notDefined(field, clause, `${field} is defined for softmax and linear CE only`);
    if (!rules.languageModelLosses)
      throw notDefined(field, `PRO-25 ${rules.name}`, `${field} is not defined by the ${rules.name} profile`);
  }
  if (c.loss === 'linear_cross_entropy' && !rules.languageModelLosses)
    throw notDefined(
      'loss',
      `PRO-25 ${rules.name}`,
      `linear_cross_entropy is not defined by the ${rules.name} profile`,
    );
  if (c.zLoss !== 0 && c.weight)
    throw notDefined('weight', 'ZL-5', 'class weights with zLoss: frameworks disagree on weighting the z term');
  if (c.loss === 'linear_cross_entropy' && c.weight)
    throw notDefined('weight', 'LCE-1', 'linear_cross_entropy takes no class weights');
  for (const field of ['linearWeight', 'linearBias'] as const) {
    if (c[field] && c.loss !== 'linear_cross_entropy')
      throw notDefined(field, 'LCE-1', `${field} belongs to linear_cross_entropy`);
  }
}

/** ZL-1, CAP-1: z a finite number ≥ 0, c a finite number > 0. */
function checkRanges(c: LossCase): void {
  if (!(Number.isFinite(c.zLoss) && c.zLoss >= 0))
    throw new LossInputError('option_out_of_range', 'zLoss', 'ZL-1', `${c.zLoss} is not a finite number ≥ 0`);
  const cap = c.logitSoftcap;
  if (cap !== undefined && !(Number.isFinite(cap) && cap > 0))
    throw new LossInputError('option_out_of_range', 'logitSoftcap', 'CAP-1', `${cap} is not a finite number > 0`);
}

/** The rules of ZL, CAP and LCE options, after the profile's other options (FMT-2, FMT-4). */
export function checkLanguageModelOptions(c: LossCase, rules: ProfileRules): void {
  checkDefined(c, rules);
  checkRanges(c);
}
