/**
 * The coefficients `a_c` of one position's softmax CE (CE-3.3, CE-4.2, LS-1, LS-2, PRO-3,
 * PRO-8, PRO-15), computed in the implementation's working precision.
 */
import { Label, type ValidCase } from '../case/validate.js';
import type { LossKernels, RowCoefficients } from './kernels.js';

/** What a position is before its logits are looked at. */
export type PositionTerms = RowCoefficients | 'ignored' | 'nan';

/** Builds the coefficients of each position of one case, reusing one buffer. */
export class CoefficientBuilder {
  private readonly a: Float64Array;
  /** `1 − ε` and `ε/K`, rounded once as a kernel holding them as scalars would. */
  private readonly keep: number;
  private readonly share: number;

  constructor(
    private readonly c: ValidCase,
    private readonly k: LossKernels,
  ) {
    this.a = new Float64Array(c.classes);
    this.keep = k.round(1 - c.smoothing);
    this.share = k.round(c.smoothing / c.smoothingClasses);
  }

  /** The terms of position `i` (CE-1.1 numbering). */
  at(i: number): PositionTerms {
    const { c } = this;
    if (c.labels === undefined) return this.probability(i);
    const label = c.labels[i]!;
    if (label === Label.ignored) return 'ignored';
    if (label === Label.nan) return 'nan';
    if (label >= 0 && c.smoothing === 0 && c.rules.indexTargets === 'gather') {
      this.a[label] = this.weight(label);
      return { a: this.a, only: label, ...this.mass(this.a[label]!) };
    }
    for (let j = 0; j < c.classes; j++) {
      const q = j === label ? this.k.round(this.keep + this.share) : this.share;
      this.a[j] = this.weighted(j, q);
    }
    return { a: this.a, only: -1, ...this.mass(this.k.sum(this.a)) };
  }

  private probability(i: number): RowCoefficients {
    const { c, k } = this;
    const n = Math.floor(i / c.inner);
    const d = i % c.inner;
    for (let j = 0; j < c.classes; j++) {
      const t = c.target[(n * c.classes + j) * c.inner + d]!;
      const smoothed = c.smoothing === 0 ? t : k.round(k.round(t * this.keep) + this.share);
      this.a[j] = this.weighted(j, smoothed);
    }
    return { a: this.a, only: -1, ...this.mass(k.sum(this.a)) };
  }

  private weight(j: number): number {
    return this.c.weight ? this.c.weight[j]! : 1;
  }

  private weighted(j: number, q: number): number {
    return this.c.weight ? this.k.round(this.c.weight[j]! * q) : q;
  }

  private mass(sum: number): { mass: number; unitMass: boolean } {
    const unitMass = this.c.rules.softmaxGradMass === 'unit';
    return { mass: unitMass ? 1 : sum, unitMass };
  }
}
