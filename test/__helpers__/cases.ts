/**
 * Case builders for tests: JSON-shaped objects with the fields a test cares about.
 */
import { decodeCase } from '../../src/case/decode.js';
import type { LossCase } from '../../src/case/types.js';
import { validateCase, type ValidCase } from '../../src/case/validate.js';

export type CaseJson = Record<string, unknown>;

export const softmaxJson = (over: CaseJson = {}): CaseJson => ({
  id: 'sce',
  loss: 'softmax_cross_entropy',
  shape: [2, 3],
  input: [1, 2, 3, 0.5, -1, 0],
  target: [0, 2],
  ...over,
});

export const bceJson = (over: CaseJson = {}): CaseJson => ({
  id: 'bce',
  loss: 'binary_cross_entropy',
  shape: [3],
  input: [0.25, 0.5, 0.75],
  target: [0, 1, 0.5],
  ...over,
});

export const bcelJson = (over: CaseJson = {}): CaseJson => ({
  id: 'bcel',
  loss: 'binary_cross_entropy_with_logits',
  shape: [3],
  input: [0.5, -1.25, 3],
  target: [1, 0, 0.5],
  ...over,
});

/** Linear CE (LCE-1): h [2, 3], W [4, 3], b [4]. */
export const linearJson = (over: CaseJson = {}): CaseJson => ({
  id: 'lce',
  loss: 'linear_cross_entropy',
  shape: [2, 3],
  input: [1, 2, 3, -1, 0.5, 4],
  linearWeight: [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1],
  linearBias: [0, 0.5, -1, 2],
  target: [0, 3],
  ...over,
});

export const decoded = (json: CaseJson): LossCase => decodeCase(json);
export const valid = (json: CaseJson): ValidCase => validateCase(decodeCase(json));
