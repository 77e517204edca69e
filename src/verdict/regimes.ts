/**
 * The regimes of a case (spec/formats.md#REG): where loss kernels lose accuracy — logits near
 * exp's overflow threshold, huge gaps, tiny losses, large offsets, subnormals, infinities, ties,
 * ignored targets, smoothing at 0 and 1, wide rows, probabilities at 0 and 1. A pure function of
 * the validated case, so that every report counts what a run exercised the same way.
 */
import { accurateKernels } from '../losses/accurate.js';
import { driverValues } from '../losses/builtins.js';
import { FORMATS } from '../numeric/dtype.js';
import { fromScaled } from '../numeric/scaled.js';
import type { ProfileRules } from '../case/profiles.js';
import type { Dtype, LossName } from '../case/types.js';
import { Label, type ValidCase } from '../case/validate.js';

export type Regime =
  | 'exp-threshold'
  | 'huge-gap'
  | 'tiny-loss'
  | 'large-offset'
  | 'subnormal'
  | 'infinity'
  | 'ties'
  | 'ignored-target'
  | 'smoothing-0'
  | 'smoothing-1'
  | 'wide-row'
  | 'probability-edge';

/** Every regime, in the order reports list them. */
export const REGIMES: readonly Regime[] = [
  'exp-threshold',
  'huge-gap',
  'tiny-loss',
  'large-offset',
  'subnormal',
  'infinity',
  'ties',
  'ignored-target',
  'smoothing-0',
  'smoothing-1',
  'wide-row',
  'probability-edge',
];

/** REG-1: the regimes a loss can be in under a profile (the options it defines). */
export function regimesOf(loss: LossName, rules: ProfileRules): Regime[] {
  switch (loss) {
    case 'softmax_cross_entropy':
      return REGIMES.filter(
        (r) =>
          r !== 'probability-edge' &&
          (r !== 'ignored-target' || rules.ignoreIndex) &&
          (r !== 'smoothing-1' || rules.softmaxSmoothing),
      );
    case 'negative_log_likelihood':
      return ['tiny-loss', 'subnormal', ...(rules.ignoreIndex ? (['ignored-target'] as const) : [])];
    case 'binary_cross_entropy_with_logits':
      return ['exp-threshold', 'huge-gap', 'tiny-loss', 'subnormal'];
    case 'binary_cross_entropy':
      return ['tiny-loss', 'subnormal', 'probability-edge'];
    case 'linear_cross_entropy':
      // LCE-2: the logits are formed by the implementation, so no regime of the logits is read off the input.
      return [
        'subnormal',
        ...(rules.ignoreIndex ? (['ignored-target'] as const) : []),
        'smoothing-0',
        ...(rules.softmaxSmoothing ? (['smoothing-1'] as const) : []),
        'wide-row',
      ];
  }
}

/** REG-2: where exp overflows in the dtype, ln Ω. */
export const expThreshold = (dtype: Dtype): number => Math.log(FORMATS[dtype].maxFinite);

/** REG-2: the gap beyond which e^(−gap) rounds to 0 in the dtype, ln(2 / minSubnormal). */
export const underflowGap = (dtype: Dtype): number => Math.LN2 - Math.log(FORMATS[dtype].minSubnormal);

/** Classes of rows with class axis (CE-1.1); a binary case's elements as one-class rows. */
function rows(c: ValidCase): number[][] {
  return Array.from({ length: c.positions }, (_, i) => {
    const base = Math.floor(i / c.inner) * c.classes * c.inner + (i % c.inner);
    return Array.from({ length: c.classes }, (_, j) => c.input[base + j * c.inner]!);
  });
}

/** The classes of a position that hold target mass: its label, or positive probabilities, or all under ε. */
function targeted(c: ValidCase, i: number, row: readonly number[]): number[] {
  if (c.smoothing > 0) return row.map((_, j) => j);
  if (c.labels) return c.labels[i]! >= 0 ? [c.labels[i]!] : [];
  const base = Math.floor(i / c.inner) * c.classes * c.inner + (i % c.inner);
  return row.map((_, j) => j).filter((j) => c.target[base + j * c.inner]! > 0);
}

function softmaxRowRegimes(c: ValidCase, i: number, row: readonly number[], found: Set<Regime>): void {
  // Loops, not Math.max(...row): a wide row (131072 classes) overflows the call stack as arguments.
  let [max, min, magnitude, atMax] = [-Infinity, Infinity, 0, 0];
  for (const x of row) {
    if (!Number.isFinite(x)) continue;
    if (x > max) [max, atMax] = [x, 0];
    if (x === max) atMax++;
    min = Math.min(min, x);
    magnitude = Math.max(magnitude, Math.abs(x));
  }
  if (atMax === 0) return;
  if (magnitude >= 1024 && magnitude >= 4 * (max - min)) found.add('large-offset');
  if (atMax >= 2) found.add('ties');
  if (targeted(c, i, row).some((j) => Number.isFinite(row[j]!) && max - row[j]! > underflowGap(c.dtype)))
    found.add('huge-gap');
}

/** BCE with logits: a logit beyond the underflow gap on the side its target does not take. */
function binaryGap(c: ValidCase, found: Set<Regime>): void {
  const gap = underflowGap(c.dtype);
  c.input.forEach((x, k) => {
    const y = c.target[k]!;
    if ((x > gap && y < 1) || (x < -gap && y > 0)) found.add('huge-gap');
  });
}

/** REG-2: a position whose loss (as the case defines it, unreduced) is positive and below u_d. */
function hasTinyLoss(c: ValidCase): boolean {
  const unreduced = { ...c, reduction: 'none', outputs: ['loss'] } as ValidCase;
  const u = FORMATS[c.dtype].unitRoundoff;
  return driverValues(unreduced, accurateKernels()).loss.some((v) => {
    const loss = fromScaled(v);
    return loss > 0 && loss < u;
  });
}

function valueRegimes(c: ValidCase, found: Set<Regime>): void {
  const { minNormal } = FORMATS[c.dtype];
  const threshold = expThreshold(c.dtype);
  for (const x of c.input) {
    if (x !== 0 && Math.abs(x) < minNormal) found.add('subnormal');
    if (!Number.isFinite(x) && !Number.isNaN(x)) found.add('infinity');
    if (Math.abs(Math.abs(x) - threshold) <= 2) found.add('exp-threshold');
    if (x === 0 || x === 1) found.add('probability-edge');
  }
}

/** REG-2: the regimes the case is in, among those of its loss and profile (REG-1), in REGIMES' order. */
export function caseRegimes(c: ValidCase): Regime[] {
  const found = new Set<Regime>();
  valueRegimes(c, found);
  if (c.loss === 'softmax_cross_entropy') rows(c).forEach((row, i) => softmaxRowRegimes(c, i, row, found));
  if (c.loss === 'binary_cross_entropy_with_logits') binaryGap(c, found);
  if (c.labels?.includes(Label.ignored)) found.add('ignored-target');
  if (c.smoothing === 0) found.add('smoothing-0');
  if (c.smoothing === 1) found.add('smoothing-1');
  if (c.classes >= 1024) found.add('wide-row');
  if (hasTinyLoss(c)) found.add('tiny-loss');
  const applicable = regimesOf(c.loss, c.rules);
  return applicable.filter((r) => found.has(r));
}
