/**
 * Enclosures of ln x and ln(1 + t) at a double-double point (spec/reference-engine.md#REF-12.5).
 *
 * Nothing here trusts Math.log's accuracy: its result y0 is only the point the expansion is taken
 * at. With E = e^−y0 enclosed by ddExp.ts,
 *     ln x = y0 + log1p(δ),  δ = x·E − 1                (and ln(1 + t) with δ = (E − 1) + t·E),
 * exactly, for any y0. δ increases with E (x > 0, 1 + t > 0), so δ at E's lower and upper ends,
 * each rounded outward, bound the true δ; when both are within 2^−40 (V8's fdlibm is within an
 * ulp, so |δ| ≲ 2^−43; otherwise a Newton step y0 + δ is taken) the series bounds of log1p below
 * finish the enclosure. Near 1, where ln is small, ln(1 + t) with tiny t uses E − 1 = expm1(−y0)
 * (relative accuracy) in δ = t + M + t·M, and |t| ≤ 2^−40 uses the series directly.
 */
import { DOWN, UP, type Direction, type Enclosure } from './endpoints.js';
import { LN2_HI, LN2_LO } from './ddConstants.js';
import { addDirected, mulDirected, subDirected } from './ddDirected.js';
import { divDirected } from './ddDivide.js';
import { scaleDirected } from './ddExact.js';
import { EXP_REDUCED_LIMIT, expEnclosure, expm1Enclosure } from './ddExp.js';
import { ONE, ZERO, dd, twoSum, type DD } from './doubleDouble.js';

/** |δ| below which the series bounds apply (and are within 2^−106 relatively). */
const SERIES_LIMIT = 2 ** -40;
/** |t| below which ln(1 + t) goes through expm1. */
const EXPM1_LIMIT = 2 ** -8;
/** Newton for ln x keeps e^−y0 in the normal range: 2^−900 ≤ x ≤ 2^900 (so e^−y0 has full double-double precision, ≥ 2^−900); beyond, x is scaled. */
const NEWTON_RANGE = 2 ** 900;
const SCALE = 600;
const THREE = dd(3);

interface Bounds {
  readonly lo: DD;
  readonly hi: DD;
}

function closed(value: DD): Enclosure<DD> {
  return { lo: value, hi: value, loOpen: false, hiOpen: false };
}

/** A transcendental value (ln of a rational ≠ 1) never equals a double-double: both ends are open. */
function open({ lo, hi }: Bounds): Enclosure<DD> {
  return { lo, hi, loOpen: true, hiOpen: true };
}

/**
 * A bound of log1p(d) in the direction, for |d| ≤ 1/4: with T = d − d²/2 + d³/3,
 * T − d⁴/3 ≤ T − d⁴/(4(1 − |d|)) ≤ log1p(d) ≤ T (alternating tail for d > 0, a negative tail
 * of geometric size for d < 0). Every term is rounded in the direction that keeps the bound.
 */
function seriesBound(d: DD, direction: Direction): DD {
  const other = -direction as Direction;
  const square = { lo: mulDirected(d, d, DOWN).value, hi: mulDirected(d, d, UP).value };
  // d³ = d²·d: the bound of d² that moves d³ in the direction depends on the sign of d.
  const cubeFactor = d.h >= 0 === (direction === UP) ? square.hi : square.lo;
  const cube = divDirected(mulDirected(cubeFactor, d, direction).value, THREE, direction).value;
  const halfSquare = scaleDirected(direction === UP ? square.lo : square.hi, -1, other).value;
  const t = addDirected(subDirected(d, halfSquare, direction).value, cube, direction).value;
  if (direction === UP) return t;
  const quartic = divDirected(mulDirected(square.hi, square.hi, UP).value, THREE, UP).value;
  return subDirected(t, quartic, DOWN).value;
}

type DeltaAt = (e: DD, direction: Direction) => DD;

/** y0 + log1p(δ(E)) for the E of `expOf(−y0)`, δ increasing in E (see the file comment). */
export function newton(seed: number, expOf: (y: DD) => Bounds, delta: DeltaAt): Bounds {
  let y0 = seed;
  for (let attempt = 0; attempt < 4; attempt++) {
    const e = expOf(dd(-y0));
    const [low, high] = [delta(e.lo, DOWN), delta(e.hi, UP)];
    if (Math.abs(low.h) <= SERIES_LIMIT && Math.abs(high.h) <= SERIES_LIMIT) {
      const y = dd(y0);
      return {
        lo: addDirected(y, seriesBound(low, DOWN), DOWN).value,
        hi: addDirected(y, seriesBound(high, UP), UP).value,
      };
    }
    y0 += (low.h + high.h) / 2;
  }
  throw new Error('ln: Math.log is beyond its documented accuracy');
}

/** δ = x·E − 1. */
export const logDelta =
  (x: DD): DeltaAt =>
  (e, direction) =>
    subDirected(mulDirected(x, e, direction).value, ONE, direction).value;

/** δ = (E − 1) + t·E. */
const log1pDelta =
  (t: DD): DeltaAt =>
  (e, direction) =>
    addDirected(subDirected(e, ONE, direction).value, mulDirected(t, e, direction).value, direction).value;

/** δ = t + M + t·M with M = E − 1 enclosed directly (expm1). */
const expm1Delta =
  (t: DD): DeltaAt =>
  (m, direction) =>
    addDirected(addDirected(t, m, direction).value, mulDirected(t, m, direction).value, direction).value;

/** ln x = ln(x·2^s) − s·ln 2 for x outside [2^−1000, 2^1000]; the scaling is directed (exact unless it underflows). */
function scaledLog(x: DD): Enclosure<DD> {
  const s = x.h < 1 ? SCALE : -SCALE;
  const lnAt = (y: DD): Bounds => newton(Math.log(y.h), expEnclosure, logDelta(y));
  const low = scaleDirected(x, s, DOWN);
  const inner = low.exact ? lnAt(low.value) : { lo: lnAt(low.value).lo, hi: lnAt(scaleDirected(x, s, UP).value).hi };
  const shift = {
    lo: mulDirected(dd(s), s > 0 ? LN2_LO : LN2_HI, DOWN).value,
    hi: mulDirected(dd(s), s > 0 ? LN2_HI : LN2_LO, UP).value,
  };
  return open({ lo: subDirected(inner.lo, shift.hi, DOWN).value, hi: subDirected(inner.hi, shift.lo, UP).value });
}

/** ln x for x ≥ 0 (x = 0 gives −∞, x = ∞ gives ∞, exactly). */
export function logEnclosure(x: DD): Enclosure<DD> {
  if (x.h === 0) return closed(dd(-Infinity));
  if (x.h === Infinity || (x.h === 1 && x.l === 0)) return closed(x.h === 1 ? ZERO : x);
  // x − 1 is exact here: xh − 1 by Sterbenz, then one TwoSum.
  if (x.h > 0.5 && x.h < 2) return log1pEnclosure(twoSum(x.h - 1, x.l));
  if (x.h < 1 / NEWTON_RANGE || x.h > NEWTON_RANGE) return scaledLog(x);
  return open(newton(Math.log(x.h), expEnclosure, logDelta(x)));
}

/** A seed in expm1Enclosure's domain: Math.log1p's, or t itself (always in it for 2^−40 < |t| ≤ 2^−8). */
function smallSeed(t: number): number {
  const y = Math.log1p(t);
  return Math.abs(y) >= 2 ** -60 && Math.abs(y) <= EXP_REDUCED_LIMIT ? y : t;
}

/** ln(1 + t) for t ≥ −1 (t = −1 gives −∞). */
export function log1pEnclosure(t: DD): Enclosure<DD> {
  if (t.h === 0 || t.h === Infinity) return closed(t);
  const size = Math.abs(t.h);
  if (size <= SERIES_LIMIT) return open({ lo: seriesBound(t, DOWN), hi: seriesBound(t, UP) });
  if (size <= EXPM1_LIMIT) return open(newton(smallSeed(t.h), expm1Enclosure, expm1Delta(t)));
  // 1 + t is exact for t ≤ −1/2 (Sterbenz, then one TwoSum).
  if (t.h < -0.5) return logEnclosure(twoSum(1 + t.h, t.l));
  if (t.h > NEWTON_RANGE) {
    const [low, high] = [logEnclosure(addDirected(t, ONE, DOWN).value), logEnclosure(addDirected(t, ONE, UP).value)];
    return { lo: low.lo, hi: high.hi, loOpen: true, hiOpen: true };
  }
  return open(newton(Math.log1p(t.h), expEnclosure, log1pDelta(t)));
}
