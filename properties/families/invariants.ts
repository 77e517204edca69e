/**
 * Invariants (spec/tolerance.md#TOL-REL): relations between the answers of the implementation
 * under test to related cases, each answer judged with its level's distance.
 */
import type { Family } from './family.js';
import { invariantFamily, type Invariant, type Related } from './invariants/invariant.js';
import { bcelSymmetry, posWeightInvariant, twoClass } from './invariants/binary.js';
import { chunks } from './invariants/chunks.js';
import { upstreamInvariant } from './invariants/upstream.js';
import { zLossInvariant } from './invariants/zLoss.js';
import { finiteDifference } from './invariants/finiteDifference.js';
import { gibbs } from './invariants/gibbs.js';
import { gradientSum } from './invariants/gradientSum.js';
import { ignoredInvariant } from './invariants/ignored.js';
import { permutationInvariant } from './invariants/permutation.js';
import { meanSum, rowsInvariant } from './invariants/reductions.js';
import { shift } from './invariants/shift.js';
import { sigmoidInvariant } from './invariants/sigmoid.js';
import { smoothingInvariant } from './invariants/smoothing.js';
import { oneHotTarget, plainCrossEntropy } from './invariants/targets.js';
import { weightScale } from './invariants/weightScale.js';

export const INVARIANTS: readonly Invariant<Related>[] = [
  shift,
  permutationInvariant,
  smoothingInvariant,
  oneHotTarget,
  plainCrossEntropy,
  rowsInvariant,
  meanSum,
  ignoredInvariant,
  weightScale,
  twoClass,
  bcelSymmetry,
  posWeightInvariant,
  sigmoidInvariant,
  gibbs,
  gradientSum,
  finiteDifference,
  chunks,
  upstreamInvariant,
  zLossInvariant,
] as Invariant<Related>[];

export const invariants: Family = invariantFamily('invariants', INVARIANTS);
