/**
 * The engines shared by the reference tests (the two slow ones, the fast one and its cascades),
 * and exact readings of enclosures.
 */
import { Decimal } from 'decimal.js';
import type { IntervalArithmetic, ReferenceEngine } from '../../src/reference/arithmetic.js';
import { createDecimalEngine } from '../../src/reference/decimalEngine.js';
import { createMpfrEngine } from '../../src/reference/mpfrEngine.js';
import { createCascadeEngine } from '../../src/reference/cascadeEngine.js';
import { createFastEngine } from '../../src/reference/fastEngine.js';
import type { Enclosure } from '../../src/reference/endpoints.js';
import type { ExactReal } from '../../src/reference/exact.js';

export const decimalEngine = createDecimalEngine();
export const mpfrEngine = await createMpfrEngine();
export const ENGINES: readonly ReferenceEngine[] = [decimalEngine, mpfrEngine];
export const fastEngine = createFastEngine();
/** The fast engine in front of each slow one (REF-13). */
export const CASCADES = [
  { slow: decimalEngine, cascade: createCascadeEngine(fastEngine, decimalEngine) },
  { slow: mpfrEngine, cascade: createCascadeEngine(fastEngine, mpfrEngine) },
] as const;

/** Exact rational arithmetic on the printed ends: 10^4 digits is exact for these tests. */
export const Exact = Decimal.clone({ precision: 10_000, rounding: Decimal.ROUND_HALF_EVEN });

/** Enough digits that printing a 128..1024-bit end of moderate exponent is exact. */
const EXACT_DIGITS = 2_500;

export interface ExactEnclosure {
  readonly lo: Decimal;
  readonly hi: Decimal;
}

/** The ends of an enclosure, printed outward with `digits` digits (exact when enough). */
export function enclosureAt(
  engine: ReferenceEngine,
  bits: number,
  evaluate: <I>(arith: IntervalArithmetic<I>) => I,
  digits = EXACT_DIGITS,
): ExactEnclosure {
  return engine.run(bits, (arith) => {
    const { lo, hi } = arith.bounds(evaluate(arith), digits);
    return { lo: new Exact(lo), hi: new Exact(hi) };
  });
}

export function contains(outer: ExactEnclosure, inner: ExactEnclosure): boolean {
  return outer.lo.lte(inner.lo) && inner.hi.lte(outer.hi);
}

/**
 * A low-precision enclosure agrees with a narrow one of the same value: it contains it, or it
 * is an exact point that the narrow one contains.
 */
export function consistent(wide: ExactEnclosure, narrow: ExactEnclosure): boolean {
  return wide.lo.eq(wide.hi) ? containsValue(narrow, wide.lo) : contains(wide, narrow);
}

export function containsValue(outer: ExactEnclosure, value: Decimal.Value): boolean {
  return outer.lo.lte(value) && outer.hi.gte(value);
}

/** The exact real of a decimal.js value, for roundExact. */
export function exactFromDecimal(value: Decimal): ExactReal {
  const [mantissa, exponent = '0'] = value.toExponential().split('e');
  const negative = mantissa!.startsWith('-');
  const digits = mantissa!.replace('-', '').replace('.', '');
  const fractionDigits = digits.length - 1;
  return { negative, coefficient: BigInt(digits), exponent: Number(exponent) - fractionDigits, radix: 10 };
}

/** The fields of an engine's enclosure (white-box: every engine's I is an Enclosure). */
export function openFlags<I>(enclosure: I): { loOpen: boolean; hiOpen: boolean } {
  const { loOpen, hiOpen } = enclosure as unknown as Enclosure<unknown>;
  return { loOpen, hiOpen };
}
