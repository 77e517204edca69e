/**
 * The part of the case space the hunt searches (spec/formats.md#CHK-7.2): the agreement
 * family's domain, so that what the hunt finds is what `check` would judge — not a framework
 * convention the `edges` family owns.
 */
import { PROFILE_RULES } from '../case/profiles.js';
import { hasClassAxis, type ProfileName } from '../case/types.js';
import { FORMATS } from '../numeric/dtype.js';
import { layout, type Genome } from './genome.js';

/**
 * Whether every row's finite logits lie within the dtype's range of each other: beyond it
 * `x − m` overflows and every framework forms 0·(−∞) = NaN (properties/arbitraries/logits.ts).
 */
export function admissible(g: Genome): boolean {
  if (!hasClassAxis(g.loss)) return true;
  const l = layout(g);
  const max = FORMATS[g.dtype].maxFinite;
  for (let i = 0; i < l.positions; i++) {
    const row = Array.from({ length: l.classes }, (_, j) => g.input[l.at(i, j)]!).filter(Number.isFinite);
    if (row.length > 0 && Math.max(...row) - Math.min(...row) > max) return false;
  }
  return true;
}

/**
 * Weights that leave some mass to the mean's denominator: `D = 0` (RED-4) makes the mean's
 * gradient a framework convention (GRAD-3), which the arbitraries avoid (softmaxCase.ts) by
 * giving the first kept target weight 1, as here; binary weights all 0 (tfjs's D) likewise.
 */
export function withMass(g: Genome): Genome {
  const weight = g.weight;
  if (!weight) return g;
  if (!hasClassAxis(g.loss))
    return weight.every((w) => w === 0) ? { ...g, weight: weight.map((w, k) => (k === 0 ? 1 : w)) } : g;
  if (g.json.targetKind === 'probability') return g;
  const profile = (g.json.profile as ProfileName | undefined) ?? 'torch';
  const ignored = (g.json.ignoreIndex as number | undefined) ?? PROFILE_RULES[profile].defaultIgnoreIndex;
  const kept = g.target.filter((t) => t !== ignored);
  if (kept.length === 0 || kept.some((t) => weight[t] !== 0)) return g;
  return { ...g, weight: weight.map((w, j) => (j === kept[0] ? 1 : w)) };
}
