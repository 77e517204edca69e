/**
 * The fast certified engine (spec/reference-engine.md#REF-12): double-double endpoints at one
 * fixed precision. Alone it certifies most values; in a cascade (cascadeEngine.ts) the values
 * it leaves undecided go to a slow engine.
 */
import { exponentOf } from '../numeric/dtype.js';
import { checkBits, type PrecisionBody, type ReferenceEngine } from './arithmetic.js';
import { enclosingPair, quotient } from './ddExact.js';
import type { DD } from './doubleDouble.js';
import type { Enclosure } from './endpoints.js';
import { FAST_BITS, FastEndpoints } from './fastEndpoints.js';
import { EnclosureArithmetic } from './interval.js';

const MIN_NORMAL = 2 ** -1022;
const MAX_SCALE = 2 ** 1022;

/**
 * n/d as an exact double-double without division, when d is a power of two up to 2^1022 and
 * |n| < 2^106 (inputs and their exact differences, REF-10.2): RN(n) and its exact remainder,
 * scaled exactly as long as both stay normal. Undefined otherwise. Few BigInt operations: this
 * runs for every exact rational a loss kernel encloses.
 */
function dyadic(n: bigint, d: bigint): DD | undefined {
  const scale = Number(d);
  if (!(scale >= 1 && scale <= MAX_SCALE) || scale !== 2 ** exponentOf(scale) || BigInt(scale) !== d) return undefined;
  const h = Number(n);
  // A safe integer is exact (|n| ≥ 2^53 would round to at least 2^53); beyond, the remainder is.
  const l = Number.isSafeInteger(h) ? 0 : Math.abs(h) < 2 ** 106 ? Number(n - BigInt(h)) : NaN;
  const [hs, ls] = [h / scale, l / scale];
  if (Number.isNaN(ls) || (hs !== 0 && Math.abs(hs) < MIN_NORMAL) || (ls !== 0 && Math.abs(ls) < MIN_NORMAL))
    return undefined;
  return { h: hs + 0, l: ls + 0 };
}

/** The shared interval layer, with rationals rounded directly instead of as a quotient of two enclosures. */
class FastArithmetic extends EnclosureArithmetic<DD> {
  constructor() {
    super(new FastEndpoints());
  }

  override fromRational(numerator: bigint, denominator: bigint): Enclosure<DD> {
    if (denominator === 0n) throw new RangeError('fromRational: zero denominator');
    const point = dyadic(numerator, denominator);
    if (point !== undefined) return { lo: point, hi: point, loOpen: false, hiOpen: false };
    const { lo, hi, exact } = enclosingPair(quotient(numerator, denominator));
    return { lo, hi, loOpen: !exact, hiOpen: !exact };
  }
}

export function createFastEngine(): ReferenceEngine {
  const arith = new FastArithmetic();
  return {
    name: 'fast',
    minBits: FAST_BITS,
    maxBits: FAST_BITS,
    startBits: FAST_BITS,
    run<T>(bits: number, body: PrecisionBody<T>): T {
      checkBits(bits, FAST_BITS, FAST_BITS);
      return body(arith);
    },
    // Its values are ordinary garbage-collected objects: nothing to release.
    dispose(): void {},
  };
}
