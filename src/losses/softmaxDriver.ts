/**
 * Softmax cross-entropy, position by position (CE-1..5, LS, IGN, RED, GRAD-1..3, ZL, CAP, LSE,
 * UP), around one implementation's kernels.
 */
import type { ValidCase } from '../case/validate.js';
import { CoefficientBuilder, type PositionTerms } from './coefficients.js';
import type { LinearRowParts, LossKernels, RowCoefficients } from './kernels.js';
import { reducerFor, type Reducer } from './reduce.js';

/** Outputs in the implementation's number type: `loss` always, the others when asked for. */
export interface DriverValues<T> {
  loss: T[];
  grad?: T[] | undefined;
  logProb?: T[] | undefined;
  lse?: T[] | undefined;
  gradWeight?: T[] | undefined;
  gradBias?: T[] | undefined;
}

/**
 * LSE-2 and CE-2.2 (after CAP-3): the `lse` of a row whose softmax is undefined — NaN anywhere;
 * without a cap `+∞` anywhere, or nothing above `−∞` — and undefined for every other row.
 */
export function specialLse(row: Float64Array, capped: boolean): number | undefined {
  let max = -Infinity;
  for (let j = 0; j < row.length; j++) {
    const v = row[j]!;
    if (Number.isNaN(v)) return NaN;
    if (v > max) max = v;
  }
  if (capped || Number.isFinite(max)) return undefined;
  return max;
}

/** CE-2.2: NaN or +∞ anywhere, or nothing above −∞ (uncapped). */
export function isUndefinedRow(row: Float64Array, capped = false): boolean {
  return specialLse(row, capped) !== undefined;
}

/** Storage index of class `j` at position `i` (CE-1.1). */
export function classOffset(c: ValidCase, i: number, j: number): number {
  const n = Math.floor(i / c.inner);
  return (n * c.classes + j) * c.inner + (i % c.inner);
}

/** The logits of position `i`: a view of the input when classes are contiguous, else gathered into `scratch`. */
function rowAt(c: ValidCase, i: number, scratch: Float64Array): Float64Array {
  const base = classOffset(c, i, 0);
  if (c.inner === 1) return c.input.subarray(base, base + c.classes);
  for (let j = 0; j < c.classes; j++) scratch[j] = c.input[base + j * c.inner]!;
  return scratch;
}

function scatter<T>(c: ValidCase, i: number, row: readonly T[], out: T[]): void {
  for (let j = 0; j < c.classes; j++) out[classOffset(c, i, j)] = row[j]!;
}

/**
 * IGN-1, PRO-21: the gradient of an ignored row is NaN where the framework's backward meets a
 * NaN: on a CE-2.2 row, or (Keras, which multiplies the row by 0 first) on any non-finite logit.
 * Logits formed by the implementation (linear CE) are finite (LCE-5).
 */
function ignoredRowIsNaN(c: ValidCase, row: Float64Array | undefined): boolean {
  if (row === undefined) return false;
  return c.rules.ignoredRowNaN === 'nonFinite' ? row.some((v) => !Number.isFinite(v)) : isUndefinedRow(row);
}

/**
 * LS-2.1, PRO-17: a profile that forms the smoothed target term apart gets `0·∞ = NaN` from a
 * `−∞` target logit when `1 − ε = 0`; summing `q` first would give `±∞`. A capped logit is finite.
 */
function splitTargetTermIsNaN(c: ValidCase, row: Float64Array | undefined, i: number): boolean {
  const label = c.labels?.[i] ?? -1;
  return (
    row !== undefined &&
    c.logitSoftcap === undefined &&
    c.rules.smoothingForm === 'split' &&
    c.smoothing === 1 &&
    label >= 0 &&
    row[label] === -Infinity
  );
}

/** One position's values: its loss, `lse`, log-probabilities, and gradient with respect to its logits. */
export interface PositionValues<T> {
  readonly loss: T;
  readonly lse?: T | undefined;
  readonly logProb?: T[] | undefined;
  /** After CAP-2, the reduction's scale and UP-2: ∂(Σ u·ℓ)/∂x for this row. */
  readonly grad?: T[] | undefined;
  /** The parts of `grad` where it is not 0 or NaN (linear CE's gradients use them: LCE-3). */
  readonly parts?: LinearRowParts<T> | undefined;
}

/** What a position needs besides its logits: which outputs, and the case-wide pieces. */
export interface PositionContext<T> {
  readonly c: ValidCase;
  readonly k: LossKernels<T>;
  readonly reducer: Reducer<T>;
  readonly coefficients: CoefficientBuilder<T>;
  readonly want: { readonly grad: boolean; readonly logProb: boolean; readonly lse: boolean };
}

export function positionContext<T>(c: ValidCase, k: LossKernels<T>, needGrad: boolean): PositionContext<T> {
  const want = { grad: needGrad, logProb: c.outputs.includes('logProb'), lse: c.outputs.includes('lse') };
  return { c, k, reducer: reducerFor(c, k), coefficients: new CoefficientBuilder(c, k), want };
}

/** A row whose softmax is undefined (CE-2.2): NaN everywhere but the ignored position's loss (IGN-1). */
function undefinedPosition<T>(ctx: PositionContext<T>, terms: PositionTerms<T>, lse: number): PositionValues<T> {
  const { arith } = ctx.k;
  const nan = Array<T>(ctx.c.classes).fill(arith.of(NaN));
  return {
    loss: arith.of(terms === 'ignored' ? 0 : NaN),
    lse: arith.of(lse),
    logProb: ctx.want.logProb ? nan : undefined,
    grad: ctx.want.grad ? nan : undefined,
  };
}

/** CAP-2, the reduction's scale and UP-2 applied to GRAD-1's components (ZL-3 in `terms`). */
function positionGrad<T>(ctx: PositionContext<T>, i: number, row: unknown, terms: RowCoefficients<T>): T[] {
  const { k, c, reducer } = ctx;
  const g = k.softmax.grad(row, terms);
  const slope = c.logitSoftcap === undefined ? undefined : k.softmax.capSlope(row);
  return g.map((gj, j) => reducer.scale(slope ? k.arith.mul(gj, slope[j]!) : gj, i));
}

/**
 * The gradient of an ignored position (0, or NaN: IGN-1, PRO-21), or of one with an optax NaN label
 * (GRAD-3, PRO-3: only the log-sum-exp is differentiated, its gradient p).
 */
function constantGrad<T>(
  ctx: PositionContext<T>,
  i: number,
  terms: 'ignored' | 'nan',
  row: unknown,
  doubles: Float64Array | undefined,
): T[] {
  const { k, c } = ctx;
  if (terms === 'nan') return k.softmax.grad(row, ctx.coefficients.logSumExpOnly()).map((g) => ctx.reducer.scale(g, i));
  return Array<T>(c.classes).fill(k.arith.of(ignoredRowIsNaN(c, doubles) ? NaN : 0));
}

/**
 * Position `i` of a softmax CE or linear CE case: `x` its logits, `doubles` the same logits when
 * the case gave them (softmax CE: CE-2.2 and LS-2.1 look at them), undefined when formed (LCE-2).
 */
export function positionValues<T>(
  ctx: PositionContext<T>,
  i: number,
  x: Float64Array | readonly T[],
  doubles: Float64Array | undefined,
): PositionValues<T> {
  const { c, k, want } = ctx;
  const { arith } = k;
  const terms = ctx.coefficients.at(i);
  const special = doubles && specialLse(doubles, c.logitSoftcap !== undefined);
  if (special !== undefined) return undefinedPosition(ctx, terms, special);
  if (terms === 'ignored' && !want.lse && !want.logProb) {
    // IGN-1: nothing of the row is needed.
    return { loss: arith.of(0), grad: want.grad ? constantGrad(ctx, i, terms, undefined, doubles) : undefined };
  }
  const row = k.softmax.row(x, c.logitSoftcap);
  const zLoss = c.zLoss !== 0 && terms !== 'ignored' && terms !== 'nan' ? arith.of(c.zLoss) : undefined;
  const lse = want.lse || zLoss ? k.softmax.lse(row) : undefined;
  // ZL-3: z·lse, whose double joins W; never 2·z·lse, which overflows first (ZL-6).
  const zLse = zLoss && arith.mul(zLoss, lse!);
  const coefficients = typeof terms === 'string' ? terms : zLse === undefined ? terms : { ...terms, zLse };
  let loss: T;
  if (terms === 'ignored') loss = arith.of(0);
  else if (terms === 'nan' || splitTargetTermIsNaN(c, doubles, i)) loss = arith.of(NaN);
  else loss = k.softmax.loss(row, terms);
  if (zLse && terms !== 'ignored') loss = arith.add(loss, arith.mul(zLse, lse!)); // ZL-1 as (z·lse)·lse, ZL-6
  const values = { loss, lse, logProb: want.logProb ? k.softmax.logSoftmax(row) : undefined };
  if (!want.grad) return values;
  if (typeof coefficients === 'string') return { ...values, grad: constantGrad(ctx, i, coefficients, row, doubles) };
  const parts = { row, terms: coefficients, factor: ctx.reducer.scale(arith.of(1), i) };
  return { ...values, grad: positionGrad(ctx, i, row, coefficients), parts };
}

/** Every output of a softmax CE case, in the kernels' arithmetic. */
export function softmaxCrossEntropy<T>(c: ValidCase, k: LossKernels<T>): DriverValues<T> {
  const ctx = positionContext(c, k, c.outputs.includes('grad'));
  const zero = k.arith.of(0);
  const losses: T[] = [];
  const lse: T[] | undefined = ctx.want.lse ? [] : undefined;
  const grad = ctx.want.grad ? Array<T>(c.input.length).fill(zero) : undefined;
  const logProb = ctx.want.logProb ? Array<T>(c.input.length).fill(zero) : undefined;
  const scratch = new Float64Array(c.classes);
  for (let i = 0; i < c.positions; i++) {
    const row = rowAt(c, i, scratch);
    const v = positionValues(ctx, i, row, row);
    losses.push(v.loss);
    lse?.push(v.lse!);
    if (logProb) scatter(c, i, v.logProb!, logProb);
    if (grad) scatter(c, i, v.grad!, grad);
  }
  return { loss: ctx.reducer.reduce(losses), grad, logProb, lse };
}
