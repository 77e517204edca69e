/**
 * Ways to make a valid case invalid, or to move it where a profile decides what happens
 * (spec/profiles.md): each returns the mutated cases it can make of a case, or undefined where
 * it does not apply. The reference says what the profile makes of each: an error, NaN, a clamp.
 */
import fc from 'fast-check';
import type { ProfileRules } from '../../../src/case/profiles.js';
import { hasClassAxis, type Dtype, type LossName } from '../../../src/case/types.js';
import { FORMATS, roundTo } from '../../../src/numeric/dtype.js';
import type { CaseJson } from '../family.js';
import { encoded, layoutOf, numbers, positionCase } from '../invariants/layout.js';

export type Mutation = (json: CaseJson, rules: ProfileRules) => fc.Arbitrary<CaseJson> | undefined;

const classAxis = (json: CaseJson): boolean => hasClassAxis(json.loss as LossName);
const isIndex = (json: CaseJson): boolean => classAxis(json) && json.targetKind !== 'probability';
const at = <T>(values: readonly T[], i: number, v: T): T[] => values.map((x, k) => (k === i ? v : x));
const position = (json: CaseJson) => fc.nat({ max: Math.max(0, (json.target as unknown[]).length - 1) });

/** CE-3.2, PRO-3: a label outside [0, C) that is not the ignore index. */
const labelOutOfRange: Mutation = (json, rules) => {
  if (!isIndex(json) || (json.target as unknown[]).length === 0) return undefined;
  const C = layoutOf(json).classes;
  const ignore = (json.ignoreIndex as number | undefined) ?? rules.defaultIgnoreIndex;
  const label = fc
    .oneof(fc.integer({ min: C, max: C + 3 }), fc.integer({ min: -C - 2, max: -1 }))
    .filter((t) => t !== ignore);
  return fc.tuple(position(json), label).map(([i, t]) => ({ ...json, target: at(json.target as number[], i, t) }));
};

/** CE-3.1, IGN-2: a class index or ignore index that is not an integer. */
const labelNotInteger: Mutation = (json) => {
  if (!isIndex(json)) return undefined;
  const target = position(json).map((i) => ({
    ...json,
    target: at(json.target as number[], i, (json.target as number[])[i]! + 0.5),
  }));
  return fc.oneof(target, fc.constant({ ...json, ignoreIndex: -0.5 }));
};

/** FMT-1.2, CE-1, CE-5.1, BCE-5, BCEL-2: a size that does not fit the shape. */
const shapeMismatch: Mutation = (json) => {
  const grow = (field: string) =>
    json[field] === undefined ? [] : [{ ...json, [field]: [...(json[field] as unknown[]), 0] }];
  const shrink = (field: string) =>
    (json[field] as unknown[]).length === 0 ? [] : [{ ...json, [field]: (json[field] as unknown[]).slice(1) }];
  const options = [...grow('input'), ...grow('target'), ...shrink('input'), ...shrink('target'), ...grow('posWeight')];
  if (json.weight !== undefined && classAxis(json)) options.push(...grow('weight'));
  return fc.constantFrom(...options);
};

/**
 * BCE with logits' logits halved: a target outside [0, 1] (up to 1.5 from ε outside [0, 1], or 2)
 * doubles the terms x·y that binaryCase.ts's logitBound keeps summable for y in [0, 1].
 */
function halvedLogits(json: CaseJson): CaseJson {
  if (json.loss !== 'binary_cross_entropy_with_logits') return json;
  return { ...json, input: encoded(numbers(json, 'input').map((x) => roundTo(json.dtype as Dtype)(x / 2))) };
}

/** LS-6, PRO-4: ε above 1, which every profile rejects. */
const smoothingOutOfRange: Mutation = (json) =>
  fc.constantFrom(1 + 2 ** -10, 1.5, 2).map((eps) => ({ ...halvedLogits(json), labelSmoothing: eps }));

/**
 * LS-6, PRO-4: ε below 0, which the profiles decide differently (torch takes it as no smoothing):
 * a mutation of its own, so that a run of 20 meets it (softmax CE: about 1 draw in 5, against 1 in 10 as
 * two of five values of one mutation; bugged/negative-smoothing-rejected went unmet at some seeds).
 */
const smoothingNegative: Mutation = (json) =>
  fc.constantFrom(-0.25, -1).map((eps) => ({ ...halvedLogits(json), labelSmoothing: eps }));

/** LS-6, FMT-4: ε that is not a finite number. */
const smoothingNotFinite: Mutation = (json) =>
  fc.constantFrom('NaN', 'Infinity', '-Infinity').map((eps) => ({ ...json, labelSmoothing: eps }));

/** BCE-4, PRO-10, CE-4.1: probabilities and targets outside [0, 1]. */
const probabilityOutOfRange: Mutation = (json) => {
  if (isIndex(json)) return undefined;
  const { precision } = FORMATS[json.dtype as Dtype];
  const value = fc.constantFrom(-0.5, 1.5, -(2 ** -10), 1 + 2 ** (1 - precision), 2);
  const fields = json.loss === 'binary_cross_entropy' ? ['input', 'target'] : ['target'];
  return fc.tuple(fc.constantFrom(...fields), fc.nat(), value).map(([field, k, v]) => {
    const values = json[field] as unknown[];
    return { ...halvedLogits(json), [field]: at(values, k % Math.max(1, values.length), v) };
  });
};

/** FMT-1 (not_finite): any answer is accepted, losscheck's own rule (judge.ts). */
const nonFiniteWeight: Mutation = (json) => {
  const C = classAxis(json) ? layoutOf(json).classes : 1;
  const base = (json.weight as number[] | undefined) ?? Array<number>(C).fill(1);
  return fc
    .tuple(fc.nat({ max: base.length - 1 }), fc.constantFrom('NaN', 'Infinity', '-Infinity'))
    .map(([i, v]) => ({ ...json, weight: at<unknown>(base, i, v) }));
};

/** PRO-7, PRO-18, PRO-20, PRO-23: a shape, or a reduction of it, the framework cannot express. */
function undefinedShapes(json: CaseJson, rules: ProfileRules): CaseJson[] {
  const options: CaseJson[] = [];
  const first = positionCase(json, 0);
  const reduced = { reduction: json.reduction === 'sum' ? 'sum' : 'mean' };
  if (classAxis(json) && !rules.unbatched) options.push({ ...first, shape: [layoutOf(json).classes], ...reduced });
  if (isIndex(json) && rules.squeezesOneClass)
    options.push({ ...first, shape: [1, 1, 2], input: [0, 0], target: [0, 0], ...reduced });
  if (!classAxis(json) && rules.binaryRowMean)
    options.push({
      ...first,
      shape: [],
      input: (first.input as unknown[]).slice(0, 1),
      target: (first.target as unknown[]).slice(0, 1),
      ...reduced,
    });
  if (rules.emptyBatchUnreduced) {
    const width = classAxis(json) ? layoutOf(json).classes : (json.shape as number[]).at(-1)!;
    options.push({ ...json, shape: [0, width], input: [], target: [], ...reduced });
  }
  return options;
}

/** PRO-2, PRO-5, PRO-14, PRO-16: an option the profile does not define. */
const undefinedOption: Mutation = (json, rules) => {
  const C = classAxis(json) ? layoutOf(json).classes : 1;
  const last = (json.shape as number[]).at(-1) ?? 1;
  const options: CaseJson[] = [];
  const weighted = classAxis(json) ? rules.classWeights : rules.binaryWeights;
  if (!weighted) options.push({ ...json, weight: Array<number>(C).fill(1) });
  if (json.loss !== 'binary_cross_entropy_with_logits' || !rules.posWeight)
    options.push({ ...json, posWeight: Array<number>(last).fill(2) });
  if (!classAxis(json) || !rules.ignoreIndex) options.push({ ...json, ignoreIndex: -7 });
  if (classAxis(json) && !isIndex(json)) options.push({ ...json, ignoreIndex: 1 });
  const smoothable =
    json.loss === 'softmax_cross_entropy'
      ? rules.softmaxSmoothing
      : rules.binarySmoothing === 'both' ||
        (rules.binarySmoothing === 'withLogits' && json.loss === 'binary_cross_entropy_with_logits');
  if (!smoothable || (isIndex(json) && json.loss === 'softmax_cross_entropy' && !rules.indexSmoothing))
    options.push({ ...json, labelSmoothing: 0.25 });
  if (json.loss === 'softmax_cross_entropy' && rules.smoothingClassCount === 'channelLastDim1')
    options.push({ ...json, shape: [C * layoutOf(json).positions], target: [0], labelSmoothing: 0.25 });
  options.push(...undefinedShapes(json, rules));
  return options.length === 0 ? undefined : fc.constantFrom(...options);
};

/** Invalid or profile-decided values: what every implementation of the profile meets. */
export const VALUE_MUTATIONS: Readonly<Record<string, Mutation>> = {
  labelOutOfRange,
  shapeMismatch,
  smoothingOutOfRange,
  smoothingNegative,
  probabilityOutOfRange,
  nonFiniteWeight,
};

/**
 * Faults a framework's API rejects by their type or signature — a fractional label or ignore
 * index, a non-finite ε, an option the profile does not define (PRO-2) — which plug-ins that
 * read only the fields they use tend to ignore instead of rejecting.
 */
export const STRICT_MUTATIONS: Readonly<Record<string, Mutation>> = {
  labelNotInteger,
  smoothingNotFinite,
  undefinedOption,
};
