/**
 * The coefficients `a_c` of one position's softmax CE (CE-3.3, CE-4.2, LS-1, LS-2, PRO-3,
 * PRO-8, PRO-15), computed in the implementation's arithmetic.
 */
import { Label, type ValidCase } from '../case/validate.js';
import { exactCoefficients } from './exactCoefficients.js';
import type { LossKernels, RowCoefficients } from './kernels.js';

/** What a position is before its logits are looked at. */
export type PositionTerms<T> = RowCoefficients<T> | 'ignored' | 'nan';

/** Builds the coefficients of each position of one case. */
export class CoefficientBuilder<T> {
  /** `1 − ε` and `ε/K`, formed once as a kernel holding them as scalars would. */
  private readonly keep: T;
  private readonly share: T;
  private readonly one: T;
  private readonly zero: T;
  /**
   * The coefficients of a gathered position, reused from one position to the next (zero but at
   * the label), so that a row costs no allocation: valid until the next call of `at`.
   */
  private gathered: T[] | undefined;
  private gatheredLabel = -1;

  constructor(
    private readonly c: ValidCase,
    private readonly k: LossKernels<T>,
  ) {
    const { arith } = k;
    this.one = arith.of(1);
    this.zero = arith.of(0);
    this.keep = arith.sub(this.one, arith.of(c.smoothing));
    this.share = arith.div(arith.of(c.smoothing), arith.of(c.smoothingClasses));
  }

  /** The terms of position `i` (CE-1.1 numbering), valid until the next call. */
  at(i: number): PositionTerms<T> {
    const { c, k } = this;
    if (c.labels === undefined) return this.probability(i);
    const label = c.labels[i]!;
    if (label === Label.ignored) return 'ignored';
    if (label === Label.nan) return 'nan';
    if (label >= 0 && c.smoothing === 0 && c.rules.indexTargets === 'gather') {
      const a = this.gatheredAt(label);
      return { a, only: label, ...this.mass(a[label]!) };
    }
    const target = k.arith.add(this.keep, this.share);
    const a = Array.from({ length: c.classes }, (_, j) => this.weighted(j, j === label ? target : this.share));
    return { a, only: -1, ...this.mass(k.sum(a)), ...this.exact(i) };
  }

  /**
   * GRAD-3, PRO-3 optax: at a NaN label only the log-sum-exp is differentiated (the fill-mode
   * gather passes nothing back), so the gradient is `p`: no target term, `W = 1`.
   */
  logSumExpOnly(): RowCoefficients<T> {
    return { a: Array<T>(this.c.classes).fill(this.zero), only: -1, mass: this.one, unitMass: true };
  }

  private probability(i: number): RowCoefficients<T> {
    const { c, k } = this;
    const { arith } = k;
    const n = Math.floor(i / c.inner);
    const d = i % c.inner;
    const a = Array.from({ length: c.classes }, (_, j) => {
      const t = arith.of(c.target[(n * c.classes + j) * c.inner + d]!);
      return this.weighted(j, c.smoothing === 0 ? t : arith.add(arith.mul(t, this.keep), this.share));
    });
    return { a, only: -1, ...this.mass(k.sum(a)), ...this.exact(i) };
  }

  /** The coefficients' exact parts, where the arithmetic can form them (TOL-ACC.1). */
  private exact(i: number): Pick<RowCoefficients<T>, 'exactParts'> {
    const { arith } = this.k;
    if (arith.twoProduct === undefined) return {};
    const twoProduct = arith.twoProduct.bind(arith);
    return { exactParts: () => exactCoefficients(this.c, { ...arith, twoProduct }, i) };
  }

  private gatheredAt(label: number): T[] {
    this.gathered ??= Array<T>(this.c.classes).fill(this.zero);
    if (this.gatheredLabel >= 0) this.gathered[this.gatheredLabel] = this.zero;
    this.gathered[label] = this.weight(label);
    this.gatheredLabel = label;
    return this.gathered;
  }

  private weight(j: number): T {
    return this.c.weight ? this.k.arith.of(this.c.weight[j]!) : this.one;
  }

  private weighted(j: number, q: T): T {
    return this.c.weight ? this.k.arith.mul(this.k.arith.of(this.c.weight[j]!), q) : q;
  }

  private mass(sum: T): { mass: T; unitMass: boolean } {
    const unitMass = this.c.rules.softmaxGradMass === 'unit';
    return { mass: unitMass ? this.one : sum, unitMass };
  }
}
