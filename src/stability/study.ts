/**
 * The stability study (spec/stability.md#STAB-1): for every loss × sweep × dtype in scope, each
 * implementation measured on the sweep's grid, and its two thresholds located by bisection.
 */
import { setImmediate } from 'node:timers/promises';
import type { Implementation } from '../adapters/types.js';
import { GaveUpError, InterruptedError } from '../case/errors.js';
import type { Dtype, LossName } from '../case/types.js';
import { FORMATS } from '../numeric/dtype.js';
import type { CaseJson, Expected } from '../../properties/families/family.js';
import { locate } from './bisect.js';
import { sweepGrid } from './grid.js';
import { measurePoint, type Measured } from './measure.js';
import { SWEEPS } from './sweeps/index.js';
import type { Sweep } from './sweeps/sweep.js';
import type { StabilityPoint, StabilityReport, StabilitySeries, SweepName } from './types.js';

export interface StudyOptions {
  readonly impls: readonly Implementation[];
  readonly expect: (json: CaseJson) => Promise<Expected>;
  readonly losses: readonly LossName[];
  readonly dtypes: readonly Dtype[];
  readonly sweeps: readonly SweepName[];
  readonly pointsPerDecade: number;
  readonly seed: number;
  /** Aborted by SIGINT or SIGTERM (CLI-8): the study stops at its next point. */
  readonly signal?: AbortSignal;
  /** Told when each loss × sweep × dtype starts, and when it is done with the series it produced. */
  readonly progress?: StudyProgress;
  /** The groups spread over worker threads (CHK-10; pool.ts); absent or one worker: this thread. */
  readonly pool?: StudyPool;
}

export interface StudyPool {
  readonly workers: number;
  /** Measure every group; `record(series, k)` as group k is done, in any order. */
  run(groups: readonly Group[], record: (series: StabilitySeries[], k: number) => void): Promise<void>;
}

export interface Group {
  readonly sweep: Sweep;
  readonly dtype: Dtype;
}

export interface StudyProgress {
  /** Group `index` (from 0) of `total` starts (in this thread; on workers, not told). */
  start(group: Group, index: number, total: number): void;
  /** The `index`-th group done (counted from 0, in the order they end) of `total`. */
  done(series: readonly StabilitySeries[], index: number, total: number): void;
}

/** The loss × sweep × dtype groups in scope, in report order. */
export function studyGroups(o: Pick<StudyOptions, 'losses' | 'dtypes' | 'sweeps'>): Group[] {
  const sweeps = SWEEPS.filter((s) => o.losses.includes(s.loss) && o.sweeps.includes(s.name));
  return sweeps.flatMap((sweep) => o.dtypes.map((dtype) => ({ sweep, dtype })));
}

/** The predicates of STAB-4 on a measured point. */
export const THRESHOLD_PREDICATES = {
  firstNonFinite: (p: StabilityPoint) => p.nonFinite > 0,
  firstHalfBitsLost: (p: StabilityPoint, dtype: Dtype) => p.maxBits > FORMATS[dtype].width / 2,
};

const isPoint = (m: Measured): m is Extract<Measured, { kind: 'point' }> => m.kind === 'point';

/** One implementation through one group: the grid, then each threshold's bisection. */
export async function measureSeries(
  impl: Implementation,
  group: Group,
  o: Pick<StudyOptions, 'expect' | 'pointsPerDecade' | 'seed' | 'signal'>,
): Promise<StabilitySeries> {
  const { sweep, dtype } = group;
  const ctx = { impl, expect: o.expect };
  const measure = async (x: number) => {
    // Built-ins and the reference answer without waiting: yield, so that a signal is heard (CLI-8).
    await setImmediate();
    if (o.signal?.aborted) throw InterruptedError.from(o.signal);
    return measurePoint(ctx, sweep.build(x, dtype, o.seed), x);
  };
  const grid = sweepGrid(sweep.range(dtype), o.pointsPerDecade, sweep.integer);
  const atGrid: Measured[] = [];
  for (const x of grid) atGrid.push(await measure(x));
  const head = { implementation: impl.name, loss: sweep.loss, dtype, sweep: sweep.name, quantity: sweep.quantity };
  if (!atGrid.some(isPoint)) {
    const why = atGrid.find((m) => m.kind === 'unsupported') ?? atGrid[0]!;
    return {
      ...head,
      points: [],
      firstNonFinite: null,
      firstHalfBitsLost: null,
      skipped: 'reason' in why ? why.reason : '',
    };
  }
  const walk = <T>(xs: readonly T[]) => (sweep.toward === 'up' ? [...xs] : [...xs].reverse());
  const thresholds = async (holds: (p: StabilityPoint) => boolean) =>
    locate({
      grid: walk(grid),
      points: walk(atGrid),
      holds: (m: Measured) => isPoint(m) && holds(m.point),
      measure,
      integer: sweep.integer,
    });
  const nonFinite = await thresholds(THRESHOLD_PREDICATES.firstNonFinite);
  const halfBits = await thresholds((p) => THRESHOLD_PREDICATES.firstHalfBitsLost(p, dtype));
  const points = [...atGrid, ...nonFinite.measured, ...halfBits.measured]
    .filter(isPoint)
    .map((m) => m.point)
    .sort((a, b) => a.x - b.x);
  return { ...head, points, firstNonFinite: nonFinite.threshold, firstHalfBitsLost: halfBits.threshold };
}

function skippedSeries(impl: Implementation, group: Group, reason: string): StabilitySeries {
  const { sweep, dtype } = group;
  return {
    ...{ implementation: impl.name, loss: sweep.loss, dtype, sweep: sweep.name, quantity: sweep.quantity },
    ...{ points: [], firstNonFinite: null, firstHalfBitsLost: null, skipped: reason },
  };
}

/**
 * One group: each implementation's series. An implementation given up on (FMT-5.4) is recorded in
 * `gaveUp` and skipped from then on, with the reason.
 */
export async function measureGroup(
  impls: readonly Implementation[],
  group: Group,
  o: Pick<StudyOptions, 'expect' | 'pointsPerDecade' | 'seed' | 'signal'>,
  gaveUp: Map<Implementation, string>,
): Promise<StabilitySeries[]> {
  const produced: StabilitySeries[] = [];
  for (const impl of impls) {
    const reason = gaveUp.get(impl);
    if (reason !== undefined) produced.push(skippedSeries(impl, group, reason));
    else
      produced.push(
        await measureSeries(impl, group, o).catch((e: unknown) => {
          if (!(e instanceof GaveUpError)) throw e;
          gaveUp.set(impl, e.message);
          return skippedSeries(impl, group, e.message);
        }),
      );
  }
  return produced;
}

/** Every group in this thread, in order; `record(series, k)` as group k is done. */
async function groupsHere(
  o: StudyOptions,
  groups: readonly Group[],
  record: (series: StabilitySeries[], k: number) => void,
): Promise<void> {
  const gaveUp = new Map<Implementation, string>();
  for (const [i, group] of groups.entries()) {
    o.progress?.start(group, i, groups.length);
    record(await measureGroup(o.impls, group, o, gaveUp), i);
  }
}

/**
 * Run the study; the report of REP-5, its series in the groups' order whatever thread measured
 * them (CHK-10). An interruption (CLI-8) ends the study with the groups done.
 */
export async function runStudy(o: StudyOptions, version: string): Promise<StabilityReport> {
  const start = performance.now();
  const groups = studyGroups(o);
  const byGroup: StabilitySeries[][] = [];
  let done = 0;
  const record = (series: StabilitySeries[], k: number) => {
    byGroup[k] = series;
    o.progress?.done(series, done++, groups.length);
  };
  let interrupted = false;
  try {
    const pooled = o.pool !== undefined && Math.min(o.pool.workers, groups.length) > 1;
    if (pooled) await o.pool!.run(groups, record);
    else await groupsHere(o, groups, record);
  } catch (e) {
    if (!(e instanceof InterruptedError)) throw e;
    interrupted = true;
  }
  const series = byGroup.flat();
  return {
    tool: 'losscheck',
    version,
    kind: 'stability',
    seed: o.seed,
    pointsPerDecade: o.pointsPerDecade,
    profile: 'torch',
    seconds: (performance.now() - start) / 1000,
    series,
    ...(interrupted && { interrupted: true as const }),
  };
}
