/**
 * Logits of one or more rows, in a regime (spec/tolerance.md: the regimes where implementations
 * break). Every value is a member of the dtype (DT-2).
 */
import fc from 'fast-check';
import type { Dtype } from '../../src/case/types.js';
import { FORMATS, roundTo } from '../../src/numeric/dtype.js';

/** Where the logits come from. */
export type LogitRegime =
  /** uniform in [−10, 10]: realistic scores */
  | 'moderate'
  /** ordinal-uniform in [−1e4, 1e4]: every magnitude, Herbie-style */
  | 'wide'
  /** one class above the others by 10 to 800 (capped by the dtype): tiny losses */
  | 'dominant'
  /** every logit equal, or two values repeated */
  | 'ties'
  /** some classes at −∞ (never all) */
  | 'masked'
  /** a common offset 2^k far larger than the spread: shift invariance, exactly */
  | 'offset'
  /** near the dtype's exp overflow threshold */
  | 'nearOverflow'
  /** the dtype's subnormals and zeros */
  | 'subnormal'
  /** up to the dtype's largest finite value, every difference within `maxSpan` */
  | 'extreme'
  /** magnitudes in the hundreds, a spread of tens (Levanter: 86% error at |x| = 640) */
  | 'hundreds'
  /** small logits in [−1, 1]; softmaxCase lifts each index target's to p_t in {0.9, 0.99, 0.999} */
  | 'confident';

export const LOGIT_REGIMES: readonly LogitRegime[] = [
  'moderate',
  'wide',
  'dominant',
  'ties',
  'masked',
  'offset',
  'nearOverflow',
  'subnormal',
  'extreme',
  'hundreds',
  'confident',
];

export interface LogitsConstraints {
  readonly dtype: Dtype;
  /** How many logits (all rows together). */
  readonly length: number;
  /** How many classes a row has; the regimes that shape a row use it. @defaultValue length */
  readonly classes?: number;
  /** The stride between classes, d1···dk of `[N, C, d1..dk]` (CE-1.1). @defaultValue 1 */
  readonly inner?: number;
  /** @defaultValue 'moderate' */
  readonly regime?: LogitRegime;
  /**
   * The largest difference between two logits of the `extreme` regime. A difference beyond the
   * dtype's largest value makes x − m overflow, and frameworks then form 0·(−∞) = NaN where the
   * exact value is finite; a loss near the largest value overflows any ordinary implementation's
   * sum over classes or positions where the exact mean is finite: callers that sum (softmaxCase)
   * pass a smaller span. @defaultValue the dtype's largest finite value
   */
  readonly maxSpan?: number;
}

/** ln(max finite): where exp overflows in the dtype. */
function expOverflowThreshold(dtype: Dtype): number {
  return Math.log(FORMATS[dtype].maxFinite);
}

function uniform(min: number, max: number): fc.Arbitrary<number> {
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function valuesIn(dtype: Dtype, length: number, value: fc.Arbitrary<number>): fc.Arbitrary<number[]> {
  return fc.array(value.map(roundTo(dtype)), { minLength: length, maxLength: length });
}

/** Rows of `classes` logits where one class of each row beats the rest by a gap. */
function dominant(dtype: Dtype, length: number, classes: number): fc.Arbitrary<number[]> {
  const maxGap = Math.min(800, FORMATS[dtype].maxFinite / 4);
  const rows = Math.max(1, Math.ceil(length / classes));
  const row = fc.record({
    base: valuesIn(dtype, classes, uniform(-2, 2)),
    winner: fc.nat(classes - 1),
    gap: uniform(10, maxGap),
  });
  return fc
    .array(row, { minLength: rows, maxLength: rows })
    .map((rs) =>
      rs
        .flatMap(({ base, winner, gap }) => base.map((v, j) => (j === winner % classes ? roundTo(dtype)(v + gap) : v)))
        .slice(0, length),
    );
}

/**
 * Some classes at −∞, never class 0 of a row: a row of −∞ only is undefined (CE-2.2), a
 * framework convention at ignored positions (IGN-1) that the `edges` family checks.
 */
function masked(dtype: Dtype, length: number, classes: number, inner: number): fc.Arbitrary<number[]> {
  const classOf = (k: number) => Math.floor(k / inner) % classes;
  const masks = fc.array(fc.boolean(), { minLength: length, maxLength: length });
  return fc
    .tuple(valuesIn(dtype, length, uniform(-10, 10)), masks)
    .map(([xs, ms]) => xs.map((x, k) => (ms[k] && classOf(k) !== 0 ? -Infinity : x)));
}

/** Multiples of a small step around 2^k: x and x + 2^k are both exact (the offset is exact). */
function offset(dtype: Dtype, length: number): fc.Arbitrary<number[]> {
  const p = FORMATS[dtype].precision;
  const exponent = Math.min(p + 1, 13);
  const step = 2 ** (exponent - p + 1); // the spacing of the dtype at 2^exponent
  const spread = fc.integer({ min: -64, max: 64 }).map((k) => k * step);
  return fc
    .tuple(fc.boolean(), fc.array(spread, { minLength: length, maxLength: length }))
    .map(([negative, xs]) => xs.map((x) => (negative ? -1 : 1) * 2 ** exponent + x));
}

/**
 * Values around one centre anywhere in [−max, max] (at ±max and 0 often), spread over at most
 * `span` and clamped into the dtype's range: every difference stays within the span (one centre
 * for the whole tensor, so that rows strided through storage keep it too).
 */
function extreme(dtype: Dtype, length: number, span: number): fc.Arbitrary<number[]> {
  const max = FORMATS[dtype].maxFinite;
  const centre = fc.oneof(uniform(-max, max), fc.constantFrom(max, -max, 0));
  const spread = fc.array(fc.oneof(uniform(-span / 2, span / 2), fc.constant(0)), {
    minLength: length,
    maxLength: length,
  });
  return fc.tuple(centre, spread).map(([c, ds]) => ds.map((d) => roundTo(dtype)(Math.min(max, Math.max(-max, c + d)))));
}

/** Logits (FMT-1 values: −∞ is the string "-Infinity" only when encoded). */
export function logits(constraints: LogitsConstraints): fc.Arbitrary<number[]> {
  const { dtype, length } = constraints;
  const classes = constraints.classes ?? length;
  const max = FORMATS[dtype].maxFinite;
  switch (constraints.regime ?? 'moderate') {
    case 'moderate':
      return valuesIn(dtype, length, uniform(-10, 10));
    case 'wide':
      return valuesIn(dtype, length, uniform(-1e4, 1e4));
    case 'dominant':
      return dominant(dtype, length, classes);
    case 'ties':
      return fc
        .tuple(valuesIn(dtype, 2, uniform(-50, 50)), fc.array(fc.boolean(), { minLength: length, maxLength: length }))
        .map(([[a, b], picks]) => picks.map((pick) => (pick ? a! : b!)));
    case 'masked':
      return masked(dtype, length, classes, constraints.inner ?? 1);
    case 'offset':
      return offset(dtype, length);
    case 'nearOverflow': {
      const t = expOverflowThreshold(dtype);
      return valuesIn(dtype, length, fc.oneof(uniform(t - 2, t + 2), uniform(-2, 2)));
    }
    case 'subnormal':
      return valuesIn(
        dtype,
        length,
        fc.oneof(fc.constant(0), uniform(-FORMATS[dtype].minNormal, FORMATS[dtype].minNormal)),
      );
    case 'extreme':
      return extreme(dtype, length, constraints.maxSpan ?? max);
    case 'hundreds':
      return fc
        .tuple(
          fc.double({ min: 100, max: 700, noNaN: true }),
          fc.boolean(),
          fc.array(uniform(-10, 10), { minLength: length, maxLength: length }),
        )
        .map(([centre, negative, spread]) => spread.map((d) => roundTo(dtype)((negative ? -centre : centre) + d)));
    case 'confident':
      return valuesIn(dtype, length, uniform(-1, 1));
  }
}
