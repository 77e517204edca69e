/**
 * Summation, the one reduction every loss needs. Recursive summation in a working precision is
 * what textbook code does; Neumaier's compensated summation is what `accurate` does
 * (spec/tolerance.md#TOL-ACC: error ≈ 2u·Σ|x| instead of (n−1)u·Σ|x|).
 */

/** Rounds a double into a working precision (identity for binary64). */
export type Rounding = (x: number) => number;

/** Left-to-right summation, rounding after every addition. */
export function recursiveSum(values: ArrayLike<number>, round: Rounding): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum = round(sum + values[i]!);
  return sum;
}

/** Neumaier's compensated summation in binary64 (Kahan–Babuška). */
export class NeumaierSum {
  private sum = 0;
  private compensation = 0;

  add(x: number): this {
    const t = this.sum + x;
    this.compensation += Math.abs(this.sum) >= Math.abs(x) ? this.sum - t + x : x - t + this.sum;
    this.sum = t;
    return this;
  }

  /** The compensated total; a non-finite running sum is returned as it is. */
  value(): number {
    return Number.isFinite(this.sum) ? this.sum + this.compensation : this.sum;
  }
}

/** Compensated sum of an array. */
export function neumaierSum(values: ArrayLike<number>): number {
  const acc = new NeumaierSum();
  for (let i = 0; i < values.length; i++) acc.add(values[i]!);
  return acc.value();
}
