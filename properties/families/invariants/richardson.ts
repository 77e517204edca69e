/**
 * A derivative from central differences (TOL-REL.2's finite-difference slack): steps h and h/2,
 * Richardson-extrapolated, with an error estimate — the difference of the two quotients (three
 * times the estimated truncation error of the finer one, far above the extrapolation's O(h⁴))
 * plus the rounding of the sampled values (each RN in binary64: half an ulp) over the width.
 */
import { ulpOf } from '../../../src/numeric/ulp.js';

const U = 2 ** -53;

/** A function of one input value, sampled exactly as far as binary64 rounding. */
export type Sampled = (x: number) => Promise<number>;

export interface Derivative {
  readonly value: number;
  /** A bound on |value − f′(x)|. */
  readonly error: number;
}

async function central(f: Sampled, x: number, step: number): Promise<{ quotient: number; rounding: number }> {
  const [right, left] = [x + step, x - step];
  const [fr, fl] = [await f(right), await f(left)];
  const width = right - left;
  const quotient = (fr - fl) / width;
  return { quotient, rounding: (ulpOf(fr, 'float64') + ulpOf(fl, 'float64')) / 2 / width + 4 * U * Math.abs(quotient) };
}

export async function differenceDerivative(f: Sampled, x: number, h: number): Promise<Derivative> {
  const coarse = await central(f, x, h);
  const fine = await central(f, x, h / 2);
  const value = fine.quotient + (fine.quotient - coarse.quotient) / 3;
  return {
    value,
    error: Math.abs(fine.quotient - coarse.quotient) + (4 / 3) * fine.rounding + (1 / 3) * coarse.rounding,
  };
}

/**
 * The step: 2^-20 of the scale on which the function bends (1 for logits, the distance to the
 * pole for BCE-3's logs), and at least 2^8 binary64 ulps of x so that x ± h is a different double.
 */
export function stepFor(x: number, scale: number): number {
  return Math.max(2 ** -20 * scale, 2 ** 8 * ulpOf(x, 'float64'));
}
