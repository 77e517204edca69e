/**
 * The losses computed by hand in float64, straight from spec/losses.md (torch and onnx
 * profiles), to compare ORT's runs with. Deliberately naive: short enough to check by eye.
 */
import type { Reduction } from '../../../src/case/types.js';

export interface SoftmaxProblem {
  readonly dims: readonly number[];
  readonly x: readonly number[];
  /** Class indices, or probabilities in the input's shape when `probability`. */
  readonly target: readonly number[];
  readonly probability?: boolean;
  readonly weight?: readonly number[];
  readonly ignoreIndex?: number;
  readonly smoothing?: number;
  readonly reduction: Reduction;
}

/** Row `i` (CE-1.1) of a `[N, C, d..]` array: the storage index of class `c`. */
function at(dims: readonly number[], i: number, c: number): number {
  const inner = dims.slice(2).reduce((a, b) => a * b, 1);
  return (Math.floor(i / inner) * dims[1]! + c) * inner + (i % inner);
}

/** CE-2.1: log-softmax of every position, in storage order. */
export function logSoftmax(dims: readonly number[], x: readonly number[]): number[] {
  const out = new Array<number>(x.length);
  for (let i = 0; i < x.length / dims[1]!; i++) {
    const row = Array.from({ length: dims[1]! }, (_, c) => x[at(dims, i, c)]!);
    const m = Math.max(...row);
    const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
    row.forEach((v, c) => (out[at(dims, i, c)] = v - lse));
  }
  return out;
}

function reduce(losses: number[], reduction: Reduction, denominator: number): number[] {
  const sum = losses.reduce((a, b) => a + b, 0);
  return reduction === 'none' ? losses : [reduction === 'sum' ? sum : sum / denominator];
}

/** CE-3, CE-4, LS-1, LS-2, IGN-1, RED-3.1, RED-3.2. */
export function softmaxLoss(p: SoftmaxProblem): number[] {
  const lp = logSoftmax(p.dims, p.x);
  const classes = p.dims[1]!;
  const positions = p.x.length / classes;
  const w = (c: number) => p.weight?.[c] ?? 1;
  const eps = p.smoothing ?? 0;
  const losses: number[] = [];
  let denominator = 0;
  for (let i = 0; i < positions; i++) {
    const t = p.target[i]!;
    if (!p.probability && t === p.ignoreIndex) {
      losses.push(0);
      continue;
    }
    const q = (c: number) =>
      p.probability
        ? (1 - eps) * p.target[at(p.dims, i, c)]! + eps / classes
        : (1 - eps) * (c === t ? 1 : 0) + eps / classes;
    const terms = Array.from({ length: classes }, (_, c) => (q(c) === 0 ? 0 : -w(c) * q(c) * lp[at(p.dims, i, c)]!));
    losses.push(terms.reduce((a, b) => a + b, 0));
    denominator += p.probability ? 1 : w(t);
  }
  return reduce(losses, p.reduction, denominator);
}

const softplus = (z: number): number => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));

export interface BinaryProblem {
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** Per element (already broadcast). */
  readonly w?: readonly number[];
  readonly pw?: readonly number[];
  readonly reduction: Reduction;
}

/** BCE-1 with PyTorch's −100 clamp; RED-3.3. */
export function bceLoss(p: BinaryProblem): number[] {
  const losses = p.x.map((prob, i) => {
    const y = p.y[i]!;
    return -(p.w?.[i] ?? 1) * (y * Math.max(Math.log(prob), -100) + (1 - y) * Math.max(Math.log1p(-prob), -100));
  });
  return reduce(losses, p.reduction, losses.length);
}

/** BCEL-1: `w·(pw·y·softplus(−x) + (1 − y)·softplus(x))`; RED-3.3. */
export function bcelLoss(p: BinaryProblem): number[] {
  const losses = p.x.map((x, i) => {
    const y = p.y[i]!;
    return (p.w?.[i] ?? 1) * ((p.pw?.[i] ?? 1) * y * softplus(-x) + (1 - y) * softplus(x));
  });
  return reduce(losses, p.reduction, losses.length);
}
