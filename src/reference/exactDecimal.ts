/**
 * Exact values as decimal strings (for golden fixtures and reports): each output of a case to a
 * number of significant digits, rounded half-even, decided from an enclosure narrow enough that
 * both of its ends round to the same string (spec/reference-engine.md#REF-11).
 */
import { Decimal } from 'decimal.js';
import { OUTPUTS, type OutputName } from '../case/types.js';
import type { ValidCase } from '../case/validate.js';
import { driverValues } from '../losses/builtins.js';
import { NeedMorePrecision, type ReferenceEngine } from './arithmetic.js';
import { isSpecial } from './extended.js';
import { referenceKernels } from './lossKernels.js';
import { DEFAULT_MAX_BITS } from './ziv.js';

export type DecimalValues = Partial<Record<OutputName, string[]>>;

/** Two more digits than asked, so that rounding half-even of each end decides the string. */
const GUARD_DIGITS = 4;

function specialString(x: number): string {
  return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

/** The string both ends agree on, or undefined. */
function agreed(lo: string, hi: string, digits: number, D: typeof Decimal): string | undefined {
  const round = (s: string) => {
    const v = new D(s);
    return v.isZero() ? '0' : v.toSignificantDigits(digits, Decimal.ROUND_HALF_EVEN).toExponential(digits - 1);
  };
  const [a, b] = [round(lo), round(hi)];
  return a === b ? a : undefined;
}

/** undefined when the working precision could not decide a sign. */
function attempt<T>(f: () => T | undefined): T | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof NeedMorePrecision) return undefined;
    throw e;
  }
}

/** Every output of the case as a decimal string of `digits` significant digits. */
export function exactDecimals(c: ValidCase, engine: ReferenceEngine, digits = 40, startBits = 256): DecimalValues {
  const D = Decimal.clone({ precision: digits + 2 * GUARD_DIGITS });
  for (let bits = startBits; bits <= Math.min(DEFAULT_MAX_BITS, engine.maxBits); bits *= 2) {
    const out = attempt(() =>
      engine.run(bits, (arith) => {
        const kernels = referenceKernels(arith);
        const values = driverValues(c, kernels);
        const result: DecimalValues = {};
        for (const field of OUTPUTS) {
          const strings = values[field]?.map((v) => {
            if (isSpecial(v)) return specialString(v.special);
            const { lo, hi } = arith.bounds(kernels.arith.enclosure(v), digits + GUARD_DIGITS);
            return agreed(lo, hi, digits, D);
          });
          if (strings?.some((s) => s === undefined)) return undefined;
          if (strings) result[field] = strings as string[];
        }
        return result;
      }),
    );
    if (out) return out;
  }
  throw new Error(
    `undetermined: the exact values of case "${c.id}" need more than ${DEFAULT_MAX_BITS} bits to ${digits} digits`,
  );
}
