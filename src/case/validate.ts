/**
 * The one boundary check (spec/formats.md#FMT-2): a decoded case becomes a `ValidCase`, whose
 * brand tells kernels that every rule of spec/losses.md and the profile holds, and which carries
 * the profile's decisions resolved (labels, effective smoothing, layout).
 */
import { LossInputError } from './errors.js';
import { PROFILE_RULES, type ProfileRules } from './profiles.js';
import type { LossCase } from './types.js';
import { checkLanguageModelOptions } from './validateOptions.js';
import { checkProfileOptions, resolveSmoothing } from './validateProfile.js';
import { checkLossValues, checkRepresentable, checkShapes, type Layout } from './validateShape.js';
import { resolveLabels } from './validateLabels.js';

export { Label } from './validateLabels.js';

declare const validated: unique symbol;

export interface ValidCase extends LossCase, Layout {
  readonly [validated]: true;
  readonly rules: ProfileRules;
  /** Index targets resolved per IGN-1 and PRO-3 (see `Label`); undefined for probability targets. */
  readonly labels: Int32Array | undefined;
  /** The ε in force after PRO-4 (0: no smoothing). */
  readonly smoothing: number;
  /** K of LS-5 (PRO-5). */
  readonly smoothingClasses: number;
}

function checkBinaryRanges(c: LossCase, rules: ProfileRules): void {
  if (c.loss !== 'binary_cross_entropy' || !rules.bceRangeChecked) return;
  const clause = `BCE-4, PRO-10 ${rules.name}`;
  c.input.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) {
      throw new LossInputError('probability_out_of_range', `input[${i}]`, clause, `probability ${p} is outside [0, 1]`);
    }
  });
  c.target.forEach((y, i) => {
    if (!(y >= 0 && y <= 1)) {
      throw new LossInputError('probability_out_of_range', `target[${i}]`, clause, `target ${y} is outside [0, 1]`);
    }
  });
}

/** Check a decoded case against its profile; throws `LossInputError` naming field and clause. */
export function validateCase(c: LossCase): ValidCase {
  const rules = PROFILE_RULES[c.profile];
  checkLossValues(c);
  const layout = checkShapes(c, rules);
  checkRepresentable(c);
  checkProfileOptions(c, rules);
  checkLanguageModelOptions(c, rules);
  const { smoothing, smoothingClasses } = resolveSmoothing(c, rules, layout);
  checkBinaryRanges(c, rules);
  const labels = resolveLabels(c, rules, layout);
  return { ...c, ...layout, rules, labels, smoothing, smoothingClasses } as ValidCase;
}
