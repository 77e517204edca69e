/**
 * Index targets: integers, ignored positions, and the profile's label range
 * (CE-3.1, CE-3.2, IGN-1, IGN-2, PRO-1, PRO-3, PRO-19).
 */
import { roundTo } from '../numeric/dtype.js';
import { LossInputError } from './errors.js';
import type { ProfileRules } from './profiles.js';
import type { LossCase } from './types.js';
import type { Layout } from './validateShape.js';

/** Resolved index targets: a class in [0, C) or one of these markers. */
export const Label = {
  /** IGN-1: the position is ignored. */
  ignored: -1,
  /** PRO-3 tfjs: the one-hot row is all zeros. */
  zeroRow: -2,
  /** PRO-3 optax: the gather fills NaN. */
  nan: -3,
} as const;

/** The class a label selects under the profile, or undefined where the profile rejects it. */
function resolveLabel(t: number, classes: number, rules: ProfileRules): number | undefined {
  if (t >= 0 && t < classes) return t;
  if (rules.labelRange === 'zeroRow') return Label.zeroRow;
  if (rules.labelRange === 'wrapOrNaN') return t >= -classes && t < 0 ? classes + t : Label.nan;
  return undefined;
}

/** One resolved label per position, or undefined for probability targets. */
export function resolveLabels(c: LossCase, rules: ProfileRules, layout: Layout): Int32Array | undefined {
  if (c.ignoreIndex !== undefined && !Number.isInteger(c.ignoreIndex)) {
    throw new LossInputError('label_not_integer', 'ignoreIndex', 'IGN-2', `${c.ignoreIndex} is not an integer`);
  }
  if (c.targetKind !== 'index') return undefined;
  // FMT-4: every label is checked for integrality before any for its range.
  const fractional = c.target.findIndex((t) => !Number.isInteger(t));
  if (fractional >= 0) {
    throw new LossInputError(
      'label_not_integer',
      `target[${fractional}]`,
      'CE-3.1',
      `class index ${c.target[fractional]} is not an integer`,
    );
  }
  // PRO-19: Keras compares and range-checks labels as floats of the loss's dtype.
  const asLabel = rules.labelsInDtype ? roundTo(c.dtype) : (t: number) => t;
  const given = c.ignoreIndex ?? rules.defaultIgnoreIndex;
  const ignoreIndex = given === undefined ? undefined : asLabel(given);
  const labels = new Int32Array(layout.positions);
  c.target.forEach((raw, i) => {
    const t = asLabel(raw);
    if (t === ignoreIndex) {
      labels[i] = Label.ignored;
      return;
    }
    const label = resolveLabel(t, layout.classes, rules);
    if (label === undefined) {
      const seen = t === raw ? '' : ` (as ${c.dtype}: ${t})`;
      throw new LossInputError(
        'label_out_of_range',
        `target[${i}]`,
        `CE-3.2, PRO-3${seen ? ', PRO-19' : ''} ${rules.name}`,
        `label ${raw}${seen} is outside [0, ${layout.classes})`,
      );
    }
    labels[i] = label;
  });
  return labels;
}
