/**
 * Binary floating-point formats and correct rounding into them (spec/formats.md#DT-1, DT-3).
 *
 * Every value handled by losscheck is a JavaScript double; a narrower dtype is a subset of the
 * doubles, and `roundTo(dtype)` maps a double to the nearest member (ties to even, subnormals
 * and overflow to infinity included).
 */
import { f16round } from '@petamoriken/float16';
import type { Dtype } from '../case/types.js';

/** IEEE 754 parameters of a binary format. */
export interface FloatFormat {
  readonly dtype: Dtype;
  /** Significand bits, the implicit bit included. */
  readonly precision: number;
  /** Exponent of the smallest normal number. */
  readonly emin: number;
  /** Exponent of the largest finite number. */
  readonly emax: number;
  /** Storage width in bits. */
  readonly width: number;
  readonly maxFinite: number;
  readonly minNormal: number;
  readonly minSubnormal: number;
  /** u = 2^-precision: the relative error bound of one rounding to nearest. */
  readonly unitRoundoff: number;
}

function format(dtype: Dtype, precision: number, emin: number, emax: number, width: number): FloatFormat {
  return {
    dtype,
    precision,
    emin,
    emax,
    width,
    // (2 - 2^(1-p)) * 2^emax, written so that no intermediate overflows.
    maxFinite: (2 - 2 ** (1 - precision)) * 2 ** (emax - 1) * 2,
    minNormal: 2 ** emin,
    minSubnormal: 2 ** (emin - precision + 1),
    unitRoundoff: 2 ** -precision,
  };
}

export const FORMATS: Readonly<Record<Dtype, FloatFormat>> = {
  float64: format('float64', 53, -1022, 1023, 64),
  float32: format('float32', 24, -126, 127, 32),
  float16: format('float16', 11, -14, 15, 16),
  bfloat16: format('bfloat16', 8, -126, 127, 16),
};

const scratch = new DataView(new ArrayBuffer(8));

/** The unbiased binary exponent of a finite nonzero double (binary64 subnormals give -1023). */
export function exponentOf(x: number): number {
  scratch.setFloat64(0, x);
  return ((scratch.getUint16(0) >>> 4) & 0x7ff) - 1023;
}

/** Round half to even of a double whose magnitude is below 2^52. */
function roundHalfEven(y: number): number {
  const f = Math.floor(y);
  const diff = y - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Round a double to nearest-even in a binary format of at most 26 significand bits
 * (so that rounding from binary64 is a single correct rounding, DT-3).
 */
export function roundToFormat(x: number, fmt: FloatFormat): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const exponent = Math.max(exponentOf(x), fmt.emin);
  const quantum = 2 ** (exponent - fmt.precision + 1);
  const rounded = roundHalfEven(x / quantum) * quantum;
  if (Math.abs(rounded) > fmt.maxFinite) return x > 0 ? Infinity : -Infinity;
  return rounded === 0 ? (x < 0 ? -0 : 0) : rounded;
}

const identity = (x: number): number => x;
const bfloat16Round = (x: number): number => roundToFormat(x, FORMATS.bfloat16);

/** The correctly rounding map from doubles into the dtype. */
export function roundTo(dtype: Dtype): (x: number) => number {
  switch (dtype) {
    case 'float64':
      return identity;
    case 'float32':
      return Math.fround;
    case 'float16':
      return f16round;
    case 'bfloat16':
      return bfloat16Round;
  }
}

/** True when the double is a member of the dtype (NaN counts as a member). */
export function isRepresentable(x: number, dtype: Dtype): boolean {
  return Number.isNaN(x) || Object.is(roundTo(dtype)(x), x);
}
