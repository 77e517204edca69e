/**
 * The stability study's report (spec/formats.md#REP-5): one series per implementation × loss ×
 * dtype × sweep, each a list of measured points and the two located thresholds.
 */
import type { Dtype, LossName } from '../case/types.js';

export type SweepName = 'scale' | 'gap' | 'offset' | 'classes' | 'smoothing' | 'x' | 'p';

/** One point of a series (STAB-3): the case built at `x`, through one implementation. */
export interface StabilityPoint {
  readonly x: number;
  readonly meanBits: number;
  readonly maxBits: number;
  /** Values that are NaN or ±∞ where the certified value is finite. */
  readonly nonFinite: number;
  readonly nsPerValue: number;
  /** The implementation rejected the valid case: every value counts the dtype's width. */
  readonly rejected?: string;
  /** The implementation crashed, hung or answered garbage (FMT-5.3): every value counts the width. */
  readonly fault?: string;
}

export interface StabilitySeries {
  readonly implementation: string;
  readonly loss: LossName;
  readonly dtype: Dtype;
  readonly sweep: SweepName;
  /** What the sweep varies, in words (`max logit`). */
  readonly quantity: string;
  /** Every measured point, by increasing `x`: the grid's and the bisections' (STAB-4). */
  readonly points: readonly StabilityPoint[];
  /** The first sweep value with a non-finite value where the exact one is finite (STAB-4). */
  readonly firstNonFinite: number | null;
  /** The first sweep value where a value loses more than half the dtype's bits (STAB-4). */
  readonly firstHalfBitsLost: number | null;
  /** Why there are no points: the implementation does not implement these cases. */
  readonly skipped?: string;
}

export interface StabilityReport {
  readonly tool: 'losscheck';
  readonly version: string;
  readonly kind: 'stability';
  /** The seed of every sweep's fixed pattern (SWP-1). */
  readonly seed: number;
  /** Grid points per decade of each sweep's range (STAB-2). */
  readonly pointsPerDecade: number;
  readonly profile: 'torch';
  readonly seconds: number;
  readonly series: readonly StabilitySeries[];
  /** A signal stopped the study (CLI-8): the series are those of the groups done. */
  readonly interrupted?: true;
}
