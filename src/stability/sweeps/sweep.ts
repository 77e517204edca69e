/**
 * What a sweep is (spec/stability.md#SWP-1): one quantity of one loss's cases, varied over a range
 * of the dtype, and the case at each value — fixed by the seed and the value alone, so that a
 * point can be measured again, and bisected between two others.
 */
import type { Dtype, LossName } from '../../case/types.js';
import { roundTo } from '../../numeric/dtype.js';
import { createRng, type Rng } from '../../hunt/random.js';
import type { CaseJson } from '../../../properties/families/family.js';
import type { SweepName } from '../types.js';

export interface Sweep {
  readonly name: SweepName;
  readonly loss: LossName;
  /** What the sweep varies, in a word or two: `max logit`. */
  readonly quantity: string;
  /** The x axis's title: the quantity, and its definition where the word is not enough. */
  readonly axis: string;
  /** Which way the sweep's extreme lies: thresholds are located walking toward it (STAB-4). */
  readonly toward: 'up' | 'down';
  /** The case family in one sentence, for reports. */
  readonly description: string;
  /** The clause of spec/stability.md that defines its cases. */
  readonly clause: string;
  /** Whether the swept value is an integer (the class count). */
  readonly integer: boolean;
  /** The swept values, from the first to the last (SWP-1). */
  range(dtype: Dtype): readonly [number, number];
  /** The case at sweep value `x`. */
  build(x: number, dtype: Dtype, seed: number): CaseJson;
}

/** Row `row`'s own stream (SWP-1): the row at one value draws what it draws at every other. */
export function rowRng(seed: number, row: number): Rng {
  return createRng((seed ^ Math.imul(row + 1, 0x9e3779b1)) >>> 0);
}

export interface SoftmaxRow {
  readonly logits: readonly number[];
  readonly target: number;
}

/** A softmax CE case of these rows in the dtype, per-position losses (SWP-1). */
export function softmaxRowsCase(id: string, dtype: Dtype, rows: readonly SoftmaxRow[], extra: CaseJson = {}): CaseJson {
  return {
    id,
    loss: 'softmax_cross_entropy',
    dtype,
    shape: [rows.length, rows[0]!.logits.length],
    input: rows.flatMap((r) => r.logits),
    target: rows.map((r) => r.target),
    reduction: 'none',
    ...extra,
  };
}

/** Per-element binary losses of these (input, target) pairs (SWP-7, SWP-8). */
export function binaryCase(id: string, loss: LossName, dtype: Dtype, inputs: readonly number[]): CaseJson {
  const targets = [0, 1, 0.25, 0.75];
  const input = inputs.flatMap((v) => targets.map(() => roundTo(dtype)(v)));
  return {
    id,
    loss,
    dtype,
    shape: [input.length],
    input,
    target: inputs.flatMap(() => targets),
    reduction: 'none',
  };
}

/** A case id that names the sweep, the dtype and the value. */
export function pointId(sweep: SweepName, dtype: Dtype, x: number): string {
  return `${sweep}/${dtype}/${x}`;
}
