/**
 * Every sweep, in report order (spec/stability.md#SWP-1), and the losses they apply to.
 */
import type { LossName } from '../../case/types.js';
import type { SweepName } from '../types.js';
import { classesSweep } from './classes.js';
import { gapSweep } from './gap.js';
import { logitSweep } from './logit.js';
import { offsetSweep } from './offset.js';
import { probabilitySweep } from './probability.js';
import { scaleSweep } from './scale.js';
import { smoothingSweep } from './smoothing.js';
import type { Sweep } from './sweep.js';

export const SWEEPS: readonly Sweep[] = [
  scaleSweep,
  gapSweep,
  offsetSweep,
  classesSweep,
  smoothingSweep,
  logitSweep,
  probabilitySweep,
];

export const SWEEP_NAMES: readonly SweepName[] = SWEEPS.map((s) => s.name);

/** The losses that have sweeps, in report order. */
export const SWEPT_LOSSES: readonly LossName[] = [...new Set(SWEEPS.map((s) => s.loss))];

export function sweepNamed(name: SweepName): Sweep {
  return SWEEPS.find((s) => s.name === name)!;
}
