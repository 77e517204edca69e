/**
 * Whole binary cross-entropy cases (BCE on probabilities, BCE with logits) valid under their
 * profile by construction (PRO-2, PRO-10).
 */
import fc from 'fast-check';
import { PROFILE_RULES } from '../../src/case/profiles.js';
import { encodeNumber } from '../../src/case/decode.js';
import type { Dtype, ProfileName, Reduction } from '../../src/case/types.js';
import { FORMATS, roundTo } from '../../src/numeric/dtype.js';
import { labelSmoothing } from './labelSmoothing.js';
import type { CaseJson } from './softmaxCase.js';
import { upstream } from './upstream.js';
import { weights } from './weights.js';

export type BinaryValues = 'moderate' | 'mixed' | 'extreme';

export interface BinaryCaseConstraints {
  readonly dtype: Dtype;
  readonly loss: 'binary_cross_entropy' | 'binary_cross_entropy_with_logits';
  /** @defaultValue 'torch' */
  readonly profile?: ProfileName;
  /** Largest element count. @defaultValue 8 */
  readonly maxElements?: number;
  /**
   * `moderate`: logits in [−20, 20], probabilities in [0, 1]; `extreme`: logits up to the dtype's
   * largest value (see `logitBound`), probabilities at and next to 0 and 1; `mixed`: both, 3:1.
   * @defaultValue 'mixed'
   */
  readonly values?: BinaryValues;
  /** Weights and pos_weight, where the profile defines them. @defaultValue true */
  readonly weights?: boolean;
  /** @defaultValue every reduction */
  readonly reductions?: readonly Reduction[];
  /** @defaultValue ['loss', 'grad'] */
  readonly outputs?: readonly string[];
}

/** Draws `moderate` and `extreme` values as `values` asks. */
function valuesOf(
  values: BinaryValues,
  moderate: fc.Arbitrary<number>,
  extreme: fc.Arbitrary<number>,
): fc.Arbitrary<number> {
  if (values === 'moderate') return moderate;
  if (values === 'extreme') return extreme;
  return fc.oneof({ weight: 3, arbitrary: moderate }, { weight: 1, arbitrary: extreme });
}

function logitValue(dtype: Dtype, values: BinaryValues, bound: number): fc.Arbitrary<number> {
  const round = roundTo(dtype);
  const moderate = fc.double({ min: -20, max: 20, noNaN: true }).map(round);
  const extreme = fc
    .oneof(fc.double({ min: -bound, max: bound, noNaN: true }), fc.constantFrom(bound, -bound))
    .map(round);
  return valuesOf(values, moderate, extreme);
}

function probabilityValue(dtype: Dtype, values: BinaryValues): fc.Arbitrary<number> {
  const { minSubnormal, unitRoundoff } = FORMATS[dtype];
  const inside = fc.double({ min: 0, max: 1, noNaN: true }).map(roundTo(dtype));
  return valuesOf(values, inside, fc.constantFrom(0, 1, minSubnormal, 1 - unitRoundoff, 0.5));
}

/**
 * The largest logit magnitude: an element's loss is at most pw·|x| (plus log 2), times w, and an
 * ordinary implementation sums the elements in the dtype. Beyond the dtype's largest value that
 * sum (or w·pw·|x| itself) overflows where the exact mean is finite — every framework does, so
 * such inputs measure nothing. Unweighted single elements reach the largest value itself.
 */
function logitBound(dtype: Dtype, elements: number, maxWeight: number, maxPosWeight: number): number {
  return roundTo(dtype)(FORMATS[dtype].maxFinite / (elements * maxWeight * maxPosWeight));
}

/** Shapes of one or two dimensions for the binary losses. */
function binaryShape(maxElements: number): fc.Arbitrary<number[]> {
  const dim = fc.integer({ min: 1, max: Math.max(1, Math.floor(Math.sqrt(maxElements))) });
  return fc.oneof(
    fc.tuple(fc.integer({ min: 1, max: maxElements })).map(([n]) => [n]),
    fc.tuple(dim, dim),
  );
}

const MAX_WEIGHT = 4; // weights.ts's default

/** A valid binary case. */
export function binaryCase(c: BinaryCaseConstraints): fc.Arbitrary<CaseJson> {
  const profile = c.profile ?? 'torch';
  const rules = PROFILE_RULES[profile];
  const values = c.values ?? 'mixed';
  const logitsLoss = c.loss === 'binary_cross_entropy_with_logits';
  const smoothable = rules.binarySmoothing === 'both' || (rules.binarySmoothing === 'withLogits' && logitsLoss);
  const weighted = c.weights !== false && rules.binaryWeights;
  const posWeighted = c.weights !== false && rules.posWeight && logitsLoss;
  const options = fc.record({ shape: binaryShape(c.maxElements ?? 8), weight: fc.boolean(), posWeight: fc.boolean() });
  return options.chain(({ shape, weight, posWeight }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const last = shape[shape.length - 1]!;
    // PRO-18: under keras a position is a row of the last axis.
    const positions = rules.binaryRowMean && shape.length > 0 ? size / last : size;
    const [w, pw] = [weighted && weight, posWeighted && posWeight];
    const bound = logitBound(c.dtype, size, w ? MAX_WEIGHT : 1, pw ? MAX_WEIGHT : 1);
    const input = logitsLoss ? logitValue(c.dtype, values, bound) : probabilityValue(c.dtype, values);
    return fc
      .record({
        input: fc.array(input, { minLength: size, maxLength: size }),
        target: fc.array(probabilityValue(c.dtype, values), { minLength: size, maxLength: size }),
        weight: w
          ? fc.constantFrom(size, last, 1).chain((length) => weights({ dtype: c.dtype, length, max: MAX_WEIGHT }))
          : fc.constant(undefined),
        posWeight: pw
          ? weights({ dtype: c.dtype, length: last, zeros: false, max: MAX_WEIGHT })
          : fc.constant(undefined),
        labelSmoothing: smoothable ? labelSmoothing() : fc.constant(0),
        reduction: fc.constantFrom(...(c.reductions ?? (['none', 'mean', 'sum'] as const))),
      })
      .chain((o) => upstream({ dtype: c.dtype, reduction: o.reduction, positions }).map((u) => ({ ...o, u })))
      .map((o) => ({
        id: `${c.loss}-${profile}-${c.dtype}`,
        loss: c.loss,
        dtype: c.dtype,
        profile,
        shape,
        input: o.input.map(encodeNumber),
        target: o.target,
        ...(o.weight && { weight: o.weight }),
        ...(o.posWeight && { posWeight: o.posWeight }),
        labelSmoothing: o.labelSmoothing,
        reduction: o.reduction,
        ...(o.u && { upstream: o.u }),
        outputs: [...(c.outputs ?? ['loss', 'grad'])],
      }));
  });
}
