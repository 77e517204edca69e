/**
 * Probability-target twins of index-target cases (CE-3, CE-4, LS-1): the same logits, weights
 * and reduction, with each position's label turned into a row of target mass.
 */
import { decodeCase } from '../../../src/case/decode.js';
import { Label, validateCase, type ValidCase } from '../../../src/case/validate.js';
import type { CaseJson } from '../family.js';
import { at, encoded, layoutOf } from './layout.js';

/** The case as validation reads it (labels resolved, K of LS-5): the case model, not an implementation. */
export function validated(json: CaseJson): ValidCase {
  return validateCase(decodeCase(json));
}

/**
 * The twin whose target at a position with label t is `row(t)` (zeros at ignored positions, which
 * then contribute nothing either, CE-4.2), without smoothing and without an ignore index
 * (IGN-4: probability targets have no labels to ignore).
 */
export function probabilityTwin(json: CaseJson, row: (label: number) => readonly number[]): CaseJson {
  const l = layoutOf(json);
  const labels = validated(json).labels!;
  const target = new Array<number>(l.positions * l.classes).fill(0);
  for (let i = 0; i < l.positions; i++) {
    if (labels[i] === Label.ignored) continue;
    row(labels[i]!).forEach((v, j) => (target[at(l, i, j)] = v));
  }
  const { ignoreIndex: _ignored, ...rest } = json;
  return { ...rest, targetKind: 'probability', target: encoded(target), labelSmoothing: 0 };
}

/** The one-hot row of label t. */
export const oneHot =
  (classes: number) =>
  (t: number): number[] =>
    Array.from({ length: classes }, (_, j) => (j === t ? 1 : 0));
