/**
 * Whole softmax CE cases (FMT-1) that are valid under their profile by construction: only the
 * options the profile defines (PRO-2), labels in range, smoothing in [0, 1], one-hot index
 * targets over two classes or more (PRO-15), shapes the framework takes (PRO-20).
 */
import fc from 'fast-check';
import { PROFILE_RULES } from '../../src/case/profiles.js';
import { definesIndexShape } from '../../src/case/validateProfile.js';
import { encodeNumber } from '../../src/case/decode.js';
import { FORMATS, roundTo } from '../../src/numeric/dtype.js';
import type { Dtype, ProfileName, Reduction, TargetKind } from '../../src/case/types.js';
import { classIndices } from './classIndices.js';
import { labelSmoothing } from './labelSmoothing.js';
import { LOGIT_REGIMES, logits, type LogitRegime } from './logits.js';
import { probabilityTargets, type TargetDistribution } from './probabilityTargets.js';
import { classShape, type ClassShape, type ClassShapeConstraints } from './shapes.js';
import {
  languageModelOptions,
  type LanguageModelOptions,
  type LanguageModelOptionsConstraints,
} from './languageModelOptions.js';
import { upstream } from './upstream.js';
import { weights } from './weights.js';

export type CaseJson = Record<string, unknown>;

export interface SoftmaxCaseConstraints {
  readonly dtype: Dtype;
  /** @defaultValue 'torch' */
  readonly profile?: ProfileName;
  /** Fixed kind, or either. @defaultValue either */
  readonly targetKind?: TargetKind;
  /** A regime, or regimes to pick from. @defaultValue LOGIT_REGIMES */
  readonly regime?: LogitRegime | readonly LogitRegime[];
  readonly shape?: ClassShapeConstraints;
  /** Class weights, where the profile defines them. @defaultValue true */
  readonly weights?: boolean;
  /** Label smoothing, where the profile defines it. @defaultValue true */
  readonly smoothing?: boolean;
  /** Ignored positions, where the profile defines them. @defaultValue true */
  readonly ignore?: boolean;
  /** @defaultValue every reduction */
  readonly reductions?: readonly Reduction[];
  /** @defaultValue ['loss', 'grad'] */
  readonly outputs?: readonly string[];
  /** @defaultValue every distribution */
  readonly distributions?: readonly TargetDistribution[];
  /** zLoss and logitSoftcap, where the profile defines them (PRO-25), or which of them. @defaultValue true */
  readonly languageModel?: boolean | LanguageModelOptionsConstraints;
  /** Upstream gradients other than 1 (UP-1). @defaultValue true */
  readonly upstream?: boolean;
}

const encode = (xs: readonly number[]): (number | string)[] => xs.map(encodeNumber);

function targets(
  c: SoftmaxCaseConstraints,
  s: ClassShape,
  kind: TargetKind,
  ignoreIndex: number | undefined,
): fc.Arbitrary<number[]> {
  if (kind === 'index') return classIndices({ positions: s.positions, classes: s.classes, ignoreIndex });
  const distribution = fc.constantFrom(...(c.distributions ?? (['oneHot', 'soft', 'unnormalised'] as const)));
  return distribution.chain((d) => probabilityTargets({ dtype: c.dtype, shape: s.shape, distribution: d }));
}

/**
 * Class weights whose targets do not all weigh 0: `D = 0` (RED-4) makes the mean's gradient a
 * framework convention (GRAD-3), checked by the `edges` family instead.
 */
function withTargetMass(
  weight: number[] | undefined,
  labels: number[] | undefined,
  ignoreIndex: number | undefined,
): number[] | undefined {
  if (!weight || !labels) return weight;
  const kept = labels.filter((t) => t !== ignoreIndex);
  if (kept.length === 0 || kept.some((t) => weight[t] !== 0)) return weight;
  return weight.map((w, j) => (j === kept[0] ? 1 : w));
}

/**
 * The `extreme` regime's span: every term `a_c·lp_c` is at most 8·span (weights ≤ 4, targets
 * ≤ 2) and an ordinary implementation sums C of them per position and P positions, in the dtype
 * (or its opmath, which for bfloat16 has the same range). Beyond the dtype's largest value that
 * sum overflows where the exact mean is finite — every framework does, so such inputs measure
 * nothing. With 16·C·P the sums stay within half the largest value.
 */
function summableSpan(dtype: Dtype, s: ClassShape): number {
  return FORMATS[dtype].maxFinite / (16 * s.classes * Math.max(1, s.positions));
}

const innerOf = (s: ClassShape): number => s.shape.slice(2).reduce((a, b) => a * b, 1);

/**
 * With ε = 1 a −∞ logit at the target class gives NaN or ±∞ by how a framework forms the target
 * term (LS-2.1, PRO-17): a convention the `edges` family checks, so the target logit is made 0.
 */
function finiteTargetLogits(
  o: { input: number[]; target: number[]; labelSmoothing: number },
  s: ClassShape,
  kind: TargetKind,
): number[] {
  if (kind !== 'index' || o.labelSmoothing !== 1) return o.input;
  const inner = innerOf(s);
  const input = [...o.input];
  o.target.forEach((t, i) => {
    const k = (Math.floor(i / inner) * s.classes + t) * inner + (i % inner);
    if (t >= 0 && t < s.classes && input[k] === -Infinity) input[k] = 0;
  });
  return input;
}

/** The target probabilities of the `confident` regime (Liger PR 1329's p_t). */
export const CONFIDENCES = [0.9, 0.99, 0.999] as const;

/**
 * The `confident` regime: each index target's logit set so that its probability is about p
 * (`log(p/(1 − p)) + log Σ_{j≠t} e^{x_j}`, rounded into the dtype): where `p_t − 1` read from a
 * bfloat16-rounded `p_t` loses every bit (TOL-OPMATH.2).
 */
function confidentTargets(
  o: { input: number[]; target: number[]; confidence: readonly number[] },
  s: ClassShape,
  kind: TargetKind,
  dtype: Dtype,
): number[] {
  if (kind !== 'index') return o.input;
  const inner = innerOf(s);
  const at = (i: number, j: number) => (Math.floor(i / inner) * s.classes + j) * inner + (i % inner);
  const input = [...o.input];
  o.target.forEach((t, i) => {
    if (!(t >= 0 && t < s.classes) || s.classes < 2) return;
    let others = 0;
    for (let j = 0; j < s.classes; j++) if (j !== t) others += Math.exp(input[at(i, j)]!);
    const p = o.confidence[i]!;
    input[at(i, t)] = roundTo(dtype)(Math.log(p / (1 - p)) + Math.log(others));
  });
  return input;
}

/** ZL-5: no z-loss with class weights. */
function withoutWeightedZLoss(options: LanguageModelOptions, weight: number[] | undefined): LanguageModelOptions {
  if (!weight || options.zLoss === undefined) return options;
  return options.logitSoftcap === undefined ? {} : { logitSoftcap: options.logitSoftcap };
}

/** A valid softmax CE case. */
export function softmaxCase(c: SoftmaxCaseConstraints): fc.Arbitrary<CaseJson> {
  const profile = c.profile ?? 'torch';
  const rules = PROFILE_RULES[profile];
  const kinds: TargetKind[] = c.targetKind ? [c.targetKind] : ['index', 'probability'];
  const regimes = c.regime === undefined ? LOGIT_REGIMES : typeof c.regime === 'string' ? [c.regime] : c.regime;
  const shape = { ...c.shape, allowUnbatched: rules.unbatched && c.shape?.allowUnbatched !== false };
  return (
    fc
      .record({ s: classShape(shape), kind: fc.constantFrom(...kinds), regime: fc.constantFrom(...regimes) })
      // PRO-15: one-hot index targets (tf.oneHot) are not defined over a single class; PRO-23: nor
      // are Keras's over most one-class shapes.
      .filter(
        ({ s, kind }) =>
          kind !== 'index' ||
          ((rules.indexTargets !== 'oneHot' || s.classes >= 2) && definesIndexShape(s.shape, rules)),
      )
      .chain(({ s, kind, regime }) => {
        const ignoreIndex =
          kind === 'index' && rules.ignoreIndex && c.ignore !== false ? (rules.defaultIgnoreIndex ?? -1) : undefined;
        const smoothable =
          rules.softmaxSmoothing &&
          c.smoothing !== false &&
          (kind === 'probability' || rules.indexSmoothing) &&
          !(rules.smoothingClassCount === 'channelLastDim1' && s.shape.length === 1);
        return fc
          .record({
            input: logits({
              dtype: c.dtype,
              length: s.positions * s.classes,
              classes: s.classes,
              inner: innerOf(s),
              regime,
              maxSpan: summableSpan(c.dtype, s),
            }),
            target: targets(c, s, kind, ignoreIndex),
            weight:
              rules.classWeights && c.weights !== false
                ? fc.option(weights({ dtype: c.dtype, length: s.classes }), { nil: undefined })
                : fc.constant(undefined),
            labelSmoothing: smoothable ? labelSmoothing() : fc.constant(0),
            reduction: fc.constantFrom(...(c.reductions ?? (['none', 'mean', 'sum'] as const))),
            options:
              rules.languageModelLosses && c.languageModel !== false
                ? languageModelOptions(c.languageModel === true ? {} : c.languageModel)
                : fc.constant({}),
            confidence: fc.array(fc.constantFrom(...CONFIDENCES), { minLength: s.positions, maxLength: s.positions }),
          })
          .chain((o) =>
            (c.upstream === false
              ? fc.constant(undefined)
              : upstream({ dtype: c.dtype, reduction: o.reduction, positions: s.positions })
            ).map((up) => ({ ...o, upstream: up })),
          )
          .map((o) => ({
            ...o,
            weight: withTargetMass(o.weight, kind === 'index' ? o.target : undefined, ignoreIndex),
            input: regime === 'confident' ? confidentTargets(o, s, kind, c.dtype) : finiteTargetLogits(o, s, kind),
          }))
          .map((o) => ({
            id: `softmax-${profile}-${c.dtype}`,
            loss: 'softmax_cross_entropy',
            dtype: c.dtype,
            profile,
            shape: s.shape,
            input: encode(o.input),
            targetKind: kind,
            target: o.target,
            ...(o.weight && { weight: o.weight }),
            ...(ignoreIndex !== undefined && rules.defaultIgnoreIndex !== ignoreIndex && { ignoreIndex }),
            labelSmoothing: o.labelSmoothing,
            ...withoutWeightedZLoss(o.options, o.weight),
            reduction: o.reduction,
            ...(o.upstream && { upstream: o.upstream }),
            outputs: [...(c.outputs ?? ['loss', 'grad'])],
          }));
      })
  );
}
