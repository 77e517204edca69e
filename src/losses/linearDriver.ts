/**
 * Linear cross-entropy (LCE-1..3): the logits of each row formed by the implementation from
 * `h`, `W` and `b` (its `linear` kernel), softmax CE on them position by position, and the
 * gradients with respect to `h`, `W` and `b` from the gradient with respect to the logits.
 */
import type { ValidCase } from '../case/validate.js';
import type { LinearGradientInput, LinearGradients, LinearRowParts, LossKernels } from './kernels.js';
import { positionContext, positionValues, type DriverValues } from './softmaxDriver.js';

/** `Σ_i f(i)` for i < n, summed the implementation's way. */
function sumOf<T>(k: LossKernels<T>, n: number, f: (i: number) => T): T {
  return k.sum(Array.from({ length: n }, (_, i) => f(i)));
}

const indices = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** LCE-3 as the products of G with W and h, each sum taken the implementation's way. */
export function productGradients<T>(c: ValidCase, k: LossKernels<T>, g: readonly (readonly T[])[]): LinearGradients<T> {
  const { arith } = k;
  const [rows, d, classes] = [c.positions, c.shape[1]!, c.classes];
  const [w, h] = [c.linearWeight!, c.input];
  const asked = (o: 'grad' | 'gradWeight' | 'gradBias') => c.outputs.includes(o);
  return {
    grad: asked('grad')
      ? indices(rows * d).map((at) => {
          const [n, kk] = [Math.floor(at / d), at % d];
          return sumOf(k, classes, (j) => arith.mul(g[n]![j]!, arith.of(w[j * d + kk]!)));
        })
      : undefined,
    gradWeight: asked('gradWeight')
      ? indices(classes * d).map((at) => {
          const [j, kk] = [Math.floor(at / d), at % d];
          return sumOf(k, rows, (n) => arith.mul(g[n]![j]!, arith.of(h[n * d + kk]!)));
        })
      : undefined,
    gradBias: asked('gradBias') ? indices(classes).map((j) => sumOf(k, rows, (n) => g[n]![j]!)) : undefined,
  };
}

/**
 * The parts with a coefficient list of their own: a gathered position's is reused from one row to
 * the next (coefficients.ts), and the gradients need every row's after the last.
 */
function ownCoefficients<T>(parts: LinearRowParts<T>): LinearRowParts<T> {
  return parts.terms.only < 0 ? parts : { ...parts, terms: { ...parts.terms, a: parts.terms.a.slice() } };
}

/** Every output of a linear CE case, in the kernels' arithmetic. */
export function linearCrossEntropy<T>(c: ValidCase, k: LossKernels<T>): DriverValues<T> {
  const needGrad = c.outputs.some((o) => o === 'grad' || o === 'gradWeight' || o === 'gradBias');
  const ctx = positionContext(c, k, needGrad);
  const d = c.shape[1]!;
  const [w, b] = [c.linearWeight!, c.linearBias];
  const losses: T[] = [];
  const lse: T[] | undefined = ctx.want.lse ? [] : undefined;
  const input: { g: T[][]; parts: (LinearRowParts<T> | undefined)[] } = { g: [], parts: [] };
  for (let n = 0; n < c.positions; n++) {
    const logits = indices(c.classes).map((j) => k.linear.logit(c.input, n * d, w, j * d, d, b?.[j] ?? 0));
    const v = positionValues(ctx, n, logits, undefined);
    losses.push(v.loss);
    lse?.push(v.lse!);
    if (v.grad) input.g.push(v.grad);
    input.parts.push(v.parts && ownCoefficients(v.parts));
  }
  const gradients = (gi: LinearGradientInput<T>) =>
    k.linear.gradients ? k.linear.gradients(c, gi) : productGradients(c, k, gi.g);
  return { loss: ctx.reducer.reduce(losses), lse, ...(needGrad && gradients(input)) };
}
