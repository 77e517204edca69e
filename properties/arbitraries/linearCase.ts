/**
 * Whole linear cross-entropy cases (spec/losses.md#LCE-1): hidden states `h` [N, D], a classifier
 * `W` [V, D] and maybe a bias, index targets with ignored rows, smoothing, z-loss, soft-cap,
 * upstream gradients; valid under profiles that define the loss (PRO-25) by construction.
 */
import fc from 'fast-check';
import { PROFILE_RULES } from '../../src/case/profiles.js';
import type { Dtype, ProfileName, Reduction } from '../../src/case/types.js';
import { roundTo } from '../../src/numeric/dtype.js';
import { classIndices } from './classIndices.js';
import { labelSmoothing } from './labelSmoothing.js';
import { languageModelOptions } from './languageModelOptions.js';
import { upstream } from './upstream.js';
import { CONFIDENCES, type CaseJson } from './softmaxCase.js';

/**
 * How the logits come out: `moderate` tens, `large` hundreds (Levanter's 86% error at |x| = 640),
 * `confident` each row's target at p_t in {0.9, 0.99, 0.999} (Liger PR 1329's regime).
 */
export type LinearRegime = 'moderate' | 'large' | 'confident';

export interface LinearCaseConstraints {
  readonly dtype: Dtype;
  /** @defaultValue 'torch' */
  readonly profile?: ProfileName;
  /** @defaultValue either */
  readonly regime?: LinearRegime;
  /** Largest N. @defaultValue 4 */
  readonly maxRows?: number;
  /** Largest D. @defaultValue 6 */
  readonly maxHidden?: number;
  /** Largest V. @defaultValue 8 */
  readonly maxClasses?: number;
  /** @defaultValue every reduction */
  readonly reductions?: readonly Reduction[];
  /** @defaultValue ['loss', 'grad', 'gradWeight', 'gradBias', 'lse'] (gradBias only with a bias) */
  readonly outputs?: readonly string[];
  /** Ignored rows. @defaultValue true */
  readonly ignore?: boolean;
  /** Whether N = 0 may come. @defaultValue false */
  readonly allowEmpty?: boolean;
}

/** Values of one regime in the dtype: `moderate` in [−2, 2], `large` in [−24, 24] (logits up to 576·D). */
function values(dtype: Dtype, length: number, regime: LinearRegime): fc.Arbitrary<number[]> {
  const bound = regime === 'large' ? 24 : regime === 'confident' ? 0.5 : 2;
  const value = fc.oneof(
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 6, arbitrary: fc.double({ min: -bound, max: bound, noNaN: true }).map(roundTo(dtype)) },
  );
  return fc.array(value, { minLength: length, maxLength: length });
}

export function linearCase(c: LinearCaseConstraints): fc.Arbitrary<CaseJson> {
  const profile = c.profile ?? 'torch';
  const rules = PROFILE_RULES[profile];
  const ignoreIndex = c.ignore === false ? undefined : (rules.defaultIgnoreIndex ?? -1);
  const sizes = fc.record({
    rows: fc.integer({ min: c.allowEmpty ? 0 : 1, max: c.maxRows ?? 4 }),
    hidden: fc.integer({ min: 1, max: c.maxHidden ?? 6 }),
    classes: fc.integer({ min: 1, max: c.maxClasses ?? 8 }),
    regime: c.regime ? fc.constant(c.regime) : fc.constantFrom<LinearRegime>('moderate', 'large', 'confident'),
    reduction: fc.constantFrom(...(c.reductions ?? (['none', 'mean', 'sum'] as const))),
  });
  return sizes.chain(({ rows, hidden: drawn, classes, regime, reduction }) => {
    const hidden = regime === 'confident' ? Math.max(drawn, rows) : drawn;
    return fc
      .record({
        input: values(c.dtype, rows * hidden, regime),
        linearWeight: values(c.dtype, classes * hidden, regime),
        linearBias:
          regime === 'confident'
            ? fc.constant(undefined)
            : fc.option(values(c.dtype, classes, 'large'), { nil: undefined }),
        target: classIndices({ positions: rows, classes, ignoreIndex }),
        labelSmoothing: labelSmoothing(),
        options: languageModelOptions(),
        upstream: upstream({ dtype: c.dtype, reduction, positions: rows }),
        confidence: fc.array(fc.constantFrom(...CONFIDENCES), { minLength: rows, maxLength: rows }),
      })
      .map((o) => (regime === 'confident' ? { ...o, ...confident(o, c.dtype, rows, hidden, classes) } : o))
      .map((o) => ({
        id: `linear-${profile}-${c.dtype}`,
        loss: 'linear_cross_entropy',
        dtype: c.dtype,
        profile,
        shape: [rows, hidden],
        input: o.input,
        linearWeight: o.linearWeight,
        ...(o.linearBias && { linearBias: o.linearBias }),
        target: o.target,
        ...(ignoreIndex !== undefined && rules.defaultIgnoreIndex !== ignoreIndex && { ignoreIndex }),
        labelSmoothing: o.labelSmoothing,
        ...o.options,
        reduction,
        ...(o.upstream && { upstream: o.upstream }),
        outputs: (c.outputs ?? ['loss', 'grad', 'gradWeight', 'gradBias', 'lse']).filter(
          (out) => out !== 'gradBias' || o.linearBias !== undefined,
        ),
      }));
  });
}

/**
 * The `confident` regime: h's rows one-hot (row n is e_n, D ≥ N), so that row n's logits are
 * column n of W, whose target entry is set to give p_t about the row's confidence.
 */
function confident(
  o: { linearWeight: number[]; target: number[]; confidence: readonly number[] },
  dtype: Dtype,
  rows: number,
  hidden: number,
  classes: number,
): { input: number[]; linearWeight: number[] } {
  const input = Array.from({ length: rows * hidden }, (_, k) => (k % hidden === Math.floor(k / hidden) ? 1 : 0));
  const w = [...o.linearWeight];
  o.target.forEach((t, n) => {
    if (!(t >= 0 && t < classes) || classes < 2) return;
    let others = 0;
    for (let j = 0; j < classes; j++) if (j !== t) others += Math.exp(w[j * hidden + n]!);
    const p = o.confidence[n]!;
    w[t * hidden + n] = roundTo(dtype)(Math.log(p / (1 - p)) + Math.log(others));
  });
  return { input, linearWeight: w };
}
