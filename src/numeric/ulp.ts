/**
 * Error metrics between a computed and an expected dtype value (spec/tolerance.md#TOL-1..4).
 */
import { setFloat16 } from '@petamoriken/float16';
import type { Dtype } from '../case/types.js';
import { exponentOf, FORMATS, roundTo } from './dtype.js';

const view = new DataView(new ArrayBuffer(8));

/** The ordinal of a non-NaN dtype value: monotone, ±0 both 0, ±∞ one past ±max (TOL-1). */
export function ordinal(x: number, dtype: Dtype): bigint {
  let bits: bigint;
  let magnitudeMask: bigint;
  switch (dtype) {
    case 'float64':
      view.setFloat64(0, x);
      bits = view.getBigUint64(0);
      magnitudeMask = 0x7fffffffffffffffn;
      break;
    case 'float32':
    case 'bfloat16':
      // A bfloat16 value is a float32 whose low 16 bits are zero: its ordinal is the top half's.
      view.setFloat32(0, x);
      bits = BigInt(dtype === 'float32' ? view.getUint32(0) : view.getUint16(0));
      magnitudeMask = dtype === 'float32' ? 0x7fffffffn : 0x7fffn;
      break;
    case 'float16':
      setFloat16(view, 0, x);
      bits = BigInt(view.getUint16(0));
      magnitudeMask = 0x7fffn;
      break;
  }
  const magnitude = bits & magnitudeMask;
  return bits === magnitude ? magnitude : -magnitude;
}

/** The distance that counts as maximal: NaN against a number (TOL-1). */
export function maxUlps(dtype: Dtype): number {
  return 2 ** FORMATS[dtype].width;
}

/**
 * Ordinal ULP distance of two dtype values (TOL-1): 0 for +0 and −0, 0 for NaN and NaN,
 * maximal for NaN against a number. Exact up to 2^53, then the nearest double.
 */
export function ulpDistance(a: number, b: number, dtype: Dtype): number {
  const aNaN = Number.isNaN(a);
  if (aNaN || Number.isNaN(b)) return aNaN && Number.isNaN(b) ? 0 : maxUlps(dtype);
  const d = ordinal(a, dtype) - ordinal(b, dtype);
  return Number(d < 0n ? -d : d);
}

/** Bits of error, Herbie's log2(1 + ulps) (TOL-2). */
export function bitsOfError(ulps: number): number {
  return Math.log2(1 + ulps);
}

/**
 * A returned value against the expected one, in the dtype: the value rounded into the dtype first
 * (TOL-LEVEL.1), its ULP distance (TOL-1) and bits of error (TOL-2).
 */
export function dtypeError(
  returned: number,
  expected: number,
  dtype: Dtype,
): { actual: number; ulps: number; bits: number } {
  const actual = roundTo(dtype)(returned);
  const ulps = ulpDistance(actual, expected, dtype);
  return { actual, ulps, bits: bitsOfError(ulps) };
}

/** Relative error |a − b| / |b| (TOL-3): 0 when equal, ∞ when b is 0 and a is not. */
export function relativeError(a: number, b: number): number {
  if (Object.is(a, b) || a === b) return 0;
  if (Number.isNaN(a) || Number.isNaN(b)) return Infinity;
  return Math.abs(a - b) / Math.abs(b);
}

/** The spacing of the dtype at x: Goldberg's ulp(x) = 2^(max(e, emin) − p + 1) (TOL-3). */
export function ulpOf(x: number, dtype: Dtype): number {
  const fmt = FORMATS[dtype];
  const exponent = x === 0 || !Number.isFinite(x) ? fmt.emin : Math.max(exponentOf(x), fmt.emin);
  return 2 ** (exponent - fmt.precision + 1);
}
