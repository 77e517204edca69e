/**
 * The hunt's last step (spec/formats.md#CHK-7.3): the worst case made simpler while it stays as
 * bad — one position instead of a batch, options dropped — so that a person can read it.
 */
import { hasClassAxis } from '../case/types.js';
import { admissible, withMass } from './domain.js';
import { layout, toGenome, toJson, type CaseJson, type Genome } from './genome.js';
import type { Scored } from './score.js';

/** The position an output value belongs to (loss under `none`: its position; grad, logProb: its row). */
function positionOf(g: Genome, output: string, index: number): number | undefined {
  if (output === 'loss') return g.json.reduction === 'none' ? index : undefined;
  const l = layout(g);
  for (let i = 0; i < l.positions; i++) for (let j = 0; j < l.classes; j++) if (l.at(i, j) === index) return i;
  return undefined;
}

/** Per-element values (weights of a binary loss) kept at one element, broadcasts kept whole. */
const elementOf = (values: number[] | undefined, size: number, e: number): number[] | undefined =>
  values && (values.length === size ? [values[e]!] : values.length === 1 ? values : [values[e % values.length]!]);

/** The case of one position: a `[1, C]` row (or one element of a binary loss, one row under PRO-18). */
function onePosition(g: Genome, i: number): Genome {
  const l = layout(g);
  const row = Array.from({ length: l.classes }, (_, j) => l.at(i, j));
  if (!hasClassAxis(g.loss)) {
    const size = g.input.length;
    if (l.classes !== 1)
      return { ...g, shape: [l.classes], input: row.map((k) => g.input[k]!), target: row.map((k) => g.target[k]!) };
    return {
      ...g,
      shape: [1],
      input: [g.input[i]!],
      target: [g.target[i]!],
      weight: elementOf(g.weight, size, i),
      posWeight: elementOf(g.posWeight, size, i),
    };
  }
  const target = g.json.targetKind === 'probability' ? row.map((k) => g.target[k]!) : [g.target[i]!];
  return { ...g, shape: [1, l.classes], input: row.map((k) => g.input[k]!), target };
}

/** Simpler variants of a case, the biggest simplification first. */
function variants(best: Scored): CaseJson[] {
  const g = toGenome(best.input);
  const { output, index } = best.worst;
  const i = output === undefined || index === undefined ? undefined : positionOf(g, output, index);
  const candidates: Genome[] = [];
  if (i !== undefined && layout(g).positions > 1) candidates.push(onePosition(g, i));
  if (g.weight) candidates.push({ ...g, weight: undefined });
  if (g.posWeight) candidates.push({ ...g, posWeight: undefined });
  if (g.json.labelSmoothing) candidates.push({ ...g, json: { ...g.json, labelSmoothing: 0 } });
  // The simpler case stays in the hunt's domain, as every child does (domain.ts).
  return candidates.map(withMass).filter(admissible).map(toJson);
}

/** Take every simplification that keeps the case at least as bad, until none does. */
export async function simplify(
  best: Scored,
  evaluate: (json: CaseJson) => Promise<Scored | undefined>,
): Promise<Scored> {
  let current = best;
  for (let changed = true; changed;) {
    changed = false;
    for (const json of variants(current)) {
      const scored = await evaluate(json);
      if (scored && scored.worst.score >= current.worst.score) {
        current = scored;
        changed = true;
        break;
      }
    }
  }
  return current;
}
