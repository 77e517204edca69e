/**
 * A child of the hunt (spec/formats.md#CHK-7.2): its parent with one to three mutations, of the
 * input mostly, kept in the hunt's domain.
 */
import { decodeCase } from '../case/decode.js';
import { LossInputError } from '../case/errors.js';
import { validateCase } from '../case/validate.js';
import { admissible, withMass } from './domain.js';
import { toGenome, toJson, type CaseJson, type Genome } from './genome.js';
import { inputMutations, type Mutation } from './inputs.js';
import { optionMutations } from './options.js';
import type { Rng } from './random.js';

/** Tries at a mutation that stays in the domain before a child is its parent again. */
const TRIES = 8;

/** Whether the profile accepts the case (FMT-2): a mutation may set an option it does not define. */
function valid(json: CaseJson): boolean {
  try {
    validateCase(decodeCase(json));
    return true;
  } catch (e) {
    if (e instanceof LossInputError) return false;
    throw e;
  }
}

/** The parent with one to three mutations drawn by `pick`, kept in the hunt's domain. */
function mutated(parent: CaseJson, r: Rng, pick: (g: Genome) => Mutation): CaseJson {
  for (let attempt = 0; attempt < TRIES; attempt++) {
    let g = toGenome(parent);
    const count = 1 + Number(r.chance(0.5)) + Number(r.chance(0.25));
    for (let k = 0; k < count; k++) g = withMass(pick(g)(g, r));
    const child = toJson(g);
    if (admissible(g) && valid(child)) return child;
  }
  return parent;
}

/** The parent with one to three mutations, of the input mostly, kept in the hunt's domain. */
export const mutate = (parent: CaseJson, r: Rng): CaseJson =>
  mutated(parent, r, (g) => r.pick(r.chance(0.7) ? inputMutations(g) : optionMutations(g)));

/**
 * The parent with one to three mutations of its input values only: its shape, targets and
 * options kept, so that a relation's other parameters still fit it (REP-10.1).
 */
export const mutateValues = (parent: CaseJson, r: Rng): CaseJson =>
  mutated(parent, r, (g) => r.pick(inputMutations(g)));
