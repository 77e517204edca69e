/**
 * The hunt's mutations of targets, weights, smoothing and reduction (spec/formats.md#CHK-7.2).
 * Targets move toward the row's maximum (tiny losses) or to 0 and 1; values stay in the dtype
 * and labels in range, so that mutated cases stay valid.
 */
import { hasClassAxis } from '../case/types.js';
import { layout, member, type Genome } from './genome.js';
import type { Mutation } from './inputs.js';
import type { Rng } from './random.js';

const argmax = (row: readonly number[]): number => row.indexOf(Math.max(...row));

/** A class index target: the row's maximum (a tiny loss) or any class. */
const indexTarget: Mutation = (g, r) => {
  const l = layout(g);
  if (l.positions === 0) return g;
  const i = r.int(l.positions);
  const row = Array.from({ length: l.classes }, (_, j) => g.input[l.at(i, j)]!);
  const target = [...g.target];
  target[i] = r.chance(0.6) ? argmax(row) : r.int(l.classes);
  return { ...g, target };
};

/** A probability row of softmax CE: one-hot at the maximum or anywhere, uniform, or one entry moved. */
const probabilityRow: Mutation = (g, r) => {
  const l = layout(g);
  if (l.positions === 0) return g;
  const i = r.int(l.positions);
  const row = Array.from({ length: l.classes }, (_, j) => g.input[l.at(i, j)]!);
  const hot = r.chance(0.6) ? argmax(row) : r.int(l.classes);
  const kind = r.int(3);
  const target = [...g.target];
  for (let j = 0; j < l.classes; j++) {
    const old = target[l.at(i, j)]!;
    target[l.at(i, j)] =
      kind === 0
        ? Number(j === hot)
        : kind === 1
          ? member(g.dtype, 1 / l.classes)
          : j === hot
            ? member(g.dtype, r.next())
            : old;
  }
  return { ...g, target };
};

/** A binary target: 0, 1, next to them, or on the side the logit points to (a tiny loss). */
const binaryTarget: Mutation = (g, r) => {
  if (g.target.length === 0) return g;
  const k = r.int(g.target.length);
  const near = 2 ** -r.between(1, 30);
  const agreeing = g.loss === 'binary_cross_entropy_with_logits' ? Number(g.input[k]! > 0) : g.input[k]!;
  const target = [...g.target];
  target[k] = Math.min(1, Math.max(0, member(g.dtype, r.pick([0, 1, near, 1 - near, agreeing, agreeing]))));
  return { ...g, target };
};

/** Weights of a fresh draw: positive, in the dtype. */
const draw = (g: Genome, r: Rng, length: number): number[] =>
  Array.from({ length }, () => member(g.dtype, 2 ** r.between(-4, 2) * (1 + r.next())));

/** One weight scaled or zeroed, all dropped, or a fresh set where there was none. */
function weights(field: 'weight' | 'posWeight', length: (g: Genome) => number): Mutation {
  return (g, r) => {
    const current = g[field];
    if (!current) return { ...g, [field]: draw(g, r, length(g)) };
    if (r.chance(0.2)) return { ...g, [field]: undefined };
    const next = [...current];
    const k = r.int(next.length);
    next[k] = r.chance(0.2) ? 0 : member(g.dtype, next[k]! * 2 ** r.between(-8, 8));
    return { ...g, [field]: next };
  };
}

const classWeights = weights('weight', (g) => (hasClassAxis(g.loss) ? layout(g).classes : g.input.length));
const positiveWeights = weights('posWeight', (g) => g.shape[g.shape.length - 1] ?? 1);

const smoothing: Mutation = (g, r) => {
  const tiny = 2 ** -r.between(1, 40);
  return { ...g, json: { ...g.json, labelSmoothing: r.pick([0, r.next(), tiny, 1 - tiny]) } };
};

const reduction: Mutation = (g, r) => ({ ...g, json: { ...g.json, reduction: r.pick(['none', 'mean', 'sum']) } });

/** The option mutations that apply to a case's loss and fields. */
export function optionMutations(g: Genome): readonly Mutation[] {
  const mutations: Mutation[] = [reduction, classWeights];
  if (!hasClassAxis(g.loss)) mutations.push(binaryTarget, binaryTarget);
  else if (g.json.targetKind === 'probability') mutations.push(probabilityRow, probabilityRow);
  else mutations.push(indexTarget, indexTarget);
  if (g.loss === 'binary_cross_entropy_with_logits') mutations.push(positiveWeights);
  if ('labelSmoothing' in g.json) mutations.push(smoothing);
  return mutations;
}
