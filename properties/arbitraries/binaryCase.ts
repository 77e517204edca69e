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
import { weights } from './weights.js';

export interface BinaryCaseConstraints {
  readonly dtype: Dtype;
  readonly loss: 'binary_cross_entropy' | 'binary_cross_entropy_with_logits';
  /** @defaultValue 'torch' */
  readonly profile?: ProfileName;
  /** Largest element count. @defaultValue 8 */
  readonly maxElements?: number;
  /** Logits up to the dtype's largest value; probabilities at and next to 0 and 1. @defaultValue true */
  readonly extremes?: boolean;
  /** @defaultValue every reduction */
  readonly reductions?: readonly Reduction[];
  /** @defaultValue ['loss', 'grad'] */
  readonly outputs?: readonly string[];
}

function logitValue(dtype: Dtype, extremes: boolean): fc.Arbitrary<number> {
  const round = roundTo(dtype);
  const moderate = fc.double({ min: -20, max: 20, noNaN: true }).map(round);
  if (!extremes) return moderate;
  const max = FORMATS[dtype].maxFinite;
  return fc.oneof({ weight: 3, arbitrary: moderate }, { weight: 1, arbitrary: fc.double({ min: -max, max, noNaN: true }).map(round) });
}

function probabilityValue(dtype: Dtype, extremes: boolean): fc.Arbitrary<number> {
  const round = roundTo(dtype);
  const inside = fc.double({ min: 0, max: 1, noNaN: true }).map(round);
  if (!extremes) return inside;
  const { minSubnormal, unitRoundoff } = FORMATS[dtype];
  return fc.oneof({ weight: 3, arbitrary: inside }, { weight: 1, arbitrary: fc.constantFrom(0, 1, minSubnormal, 1 - unitRoundoff, 0.5) });
}

/** Shapes of one or two dimensions for the binary losses. */
function binaryShape(maxElements: number): fc.Arbitrary<number[]> {
  const dim = fc.integer({ min: 1, max: Math.max(1, Math.floor(Math.sqrt(maxElements))) });
  return fc.oneof(fc.tuple(fc.integer({ min: 1, max: maxElements })).map(([n]) => [n]), fc.tuple(dim, dim));
}

/** A valid binary case. */
export function binaryCase(c: BinaryCaseConstraints): fc.Arbitrary<CaseJson> {
  const profile = c.profile ?? 'torch';
  const rules = PROFILE_RULES[profile];
  const extremes = c.extremes !== false;
  const logitsLoss = c.loss === 'binary_cross_entropy_with_logits';
  const smoothable = rules.binarySmoothing === 'both' || (rules.binarySmoothing === 'withLogits' && logitsLoss);
  return binaryShape(c.maxElements ?? 8).chain((shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const last = shape[shape.length - 1]!;
    const input = logitsLoss ? logitValue(c.dtype, extremes) : probabilityValue(c.dtype, extremes);
    const weightLength = fc.constantFrom(size, last, 1);
    return fc.record({
      input: fc.array(input, { minLength: size, maxLength: size }),
      target: fc.array(probabilityValue(c.dtype, extremes), { minLength: size, maxLength: size }),
      weight: rules.binaryWeights ? fc.option(weightLength.chain((length) => weights({ dtype: c.dtype, length })), { nil: undefined }) : fc.constant(undefined),
      posWeight: rules.posWeight && logitsLoss ? fc.option(weights({ dtype: c.dtype, length: last, zeros: false }), { nil: undefined }) : fc.constant(undefined),
      labelSmoothing: smoothable ? labelSmoothing() : fc.constant(0),
      reduction: fc.constantFrom(...(c.reductions ?? (['none', 'mean', 'sum'] as const))),
    }).map((o) => ({
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
      outputs: [...(c.outputs ?? ['loss', 'grad'])],
    }));
  });
}
