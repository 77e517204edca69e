/**
 * The decimal.js engine (spec/reference-engine.md#REF-8): pure JavaScript, slow, independent of
 * MPFR. Its values are ordinary garbage-collected objects, so a scope needs no cleanup.
 */
import type { Decimal } from 'decimal.js';
import { checkBits, type PrecisionBody, type ReferenceEngine } from './arithmetic.js';
import { DecimalEndpoints } from './decimalEndpoints.js';
import { EnclosureArithmetic } from './interval.js';

/**
 * decimal.js's ln needs its 1025-digit ln 10 constant beyond P + 3 + 10 guard digits (+10 per
 * retry): 3200 bits (965 digits) keeps every evaluation inside it.
 */
export const DECIMAL_MAX_BITS = 3200;
const DECIMAL_MIN_BITS = 24;

export function createDecimalEngine(): ReferenceEngine {
  const contexts = new Map<number, EnclosureArithmetic<Decimal>>();
  const context = (bits: number): EnclosureArithmetic<Decimal> => {
    let arith = contexts.get(bits);
    if (arith === undefined) {
      arith = new EnclosureArithmetic(new DecimalEndpoints(bits));
      contexts.set(bits, arith);
    }
    return arith;
  };
  return {
    name: 'decimal',
    minBits: DECIMAL_MIN_BITS,
    maxBits: DECIMAL_MAX_BITS,
    run<T>(bits: number, body: PrecisionBody<T>): T {
      checkBits(bits, DECIMAL_MIN_BITS, DECIMAL_MAX_BITS);
      return body(context(bits));
    },
    dispose(): void {
      contexts.clear();
    },
  };
}
