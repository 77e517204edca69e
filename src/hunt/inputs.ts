/**
 * The hunt's mutations of the input (spec/formats.md#CHK-7.2): moves toward the regimes where
 * loss kernels lose accuracy — large and tiny logits, a dominant class (tiny losses), ties,
 * masked classes, probabilities next to 0 and 1.
 */
import { hasClassAxis } from '../case/types.js';
import { FORMATS } from '../numeric/dtype.js';
import { ulpOf } from '../numeric/ulp.js';
import { layout, member, type Genome } from './genome.js';
import type { Rng } from './random.js';

export type Mutation = (g: Genome, r: Rng) => Genome;

/** Apply `f` to the values of one position's row (class axis) or one element. */
function onRow(g: Genome, r: Rng, f: (row: number[]) => number[]): Genome {
  const l = layout(g);
  if (l.positions === 0) return g;
  const i = r.int(l.positions);
  const indices = Array.from({ length: l.classes }, (_, j) => l.at(i, j));
  const row = f(indices.map((k) => g.input[k]!));
  const input = [...g.input];
  indices.forEach((k, j) => (input[k] = row[j]!));
  return { ...g, input };
}

/** Apply `f` to one element of the input. */
function onElement(g: Genome, r: Rng, f: (x: number) => number): Genome {
  if (g.input.length === 0) return g;
  const input = [...g.input];
  const k = r.int(input.length);
  input[k] = f(input[k]!);
  return { ...g, input };
}

const finite = (f: (x: number) => number) => (x: number) => (Number.isFinite(x) ? f(x) : x);

const scale: Mutation = (g, r) => {
  const factor = 2 ** r.between(-6, 8) * (1 + r.next());
  return onRow(g, r, (row) => row.map(finite((x) => member(g.dtype, x * factor))));
};

/** A common offset: the loss must not change, an implementation's error may. */
const shift: Mutation = (g, r) => {
  const offset = (r.chance(0.5) ? 1 : -1) * 2 ** r.between(0, 16);
  return onRow(g, r, (row) => row.map(finite((x) => member(g.dtype, x + offset))));
};

/** A dominant class: the row's maximum pulled away from the rest, so the loss becomes tiny. */
const widenGap: Mutation = (g, r) => {
  const gap = 2 ** r.between(0, 10) * (1 + r.next());
  return onRow(g, r, (row) => {
    const top = row.indexOf(Math.max(...row));
    return row.map((x, j) => (j === top ? member(g.dtype, x + (row.length === 1 && x < 0 ? -gap : gap)) : x));
  });
};

/** The dtype's edges: its largest values, exp's overflow threshold, its subnormals, zero. */
const extreme: Mutation = (g, r) => {
  const { maxFinite, minSubnormal } = FORMATS[g.dtype];
  const sign = r.chance(0.5) ? 1 : -1;
  const edges = [maxFinite * r.next(), Math.log(maxFinite) + 4 * (r.next() - 0.5), minSubnormal * r.between(1, 8), 0];
  return onElement(g, r, () => member(g.dtype, sign * r.pick(edges)));
};

/** Two classes of a row (two elements) made equal. */
const tie: Mutation = (g, r) => {
  if (!hasClassAxis(g.loss)) return onElement(g, r, () => g.input[r.int(g.input.length)]!);
  return onRow(g, r, (row) => {
    const [from, to] = [r.int(row.length), r.int(row.length)];
    return row.map((x, j) => (j === to ? row[from]! : x));
  });
};

/** A class masked with −∞, keeping one finite class in the row. */
const mask: Mutation = (g, r) =>
  onRow(g, r, (row) => {
    const j = r.int(row.length);
    return row.filter((x, k) => k !== j && Number.isFinite(x)).length > 0
      ? row.map((x, k) => (k === j ? -Infinity : x))
      : row;
  });

/** A few ulps away: the rounding of every later step changes. */
const nudge: Mutation = (g, r) =>
  onElement(
    g,
    r,
    finite((x) => member(g.dtype, x + r.between(-4, 4) * ulpOf(x, g.dtype))),
  );

const fresh: Mutation = (g, r) => onElement(g, r, () => member(g.dtype, 40 * r.next() - 20));

/** BCE's probabilities: toward 0 or 1 by a power of two, where its logs lose accuracy. */
const towardEdge: Mutation = (g, r) => {
  const edge = r.chance(0.5) ? 0 : 1;
  const p = (x: number) => Math.min(1, Math.max(0, member(g.dtype, edge + (x - edge) * 2 ** -r.between(1, 30))));
  return onElement(g, r, p);
};

const uniformProbability: Mutation = (g, r) => onElement(g, r, () => member(g.dtype, r.next()));

/** The input mutations for a loss: logits, or BCE's probabilities. */
export function inputMutations(g: Genome): readonly Mutation[] {
  if (g.loss === 'binary_cross_entropy') return [towardEdge, towardEdge, tie, nudge, uniformProbability];
  const logits = [scale, shift, widenGap, widenGap, extreme, tie, nudge, fresh];
  return hasClassAxis(g.loss) ? [...logits, mask] : logits;
}
