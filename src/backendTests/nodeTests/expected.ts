/**
 * Expected outputs of the generated node tests, computed in float64 with the operators' function
 * bodies (LogSoftmax, then NLL: gather, weight, reduce), to be stored in float32 as onnx stores
 * its numpy results. This is not a reference: it is the generator's stand-in for onnx's numpy code.
 */
import type { Reduction } from '../../case/types.js';

export interface NllProblem {
  /** Log-probabilities `[N, C, d1..dk]`, row-major. */
  readonly logProb: Float64Array;
  readonly dims: readonly number[];
  readonly labels: Float64Array;
  readonly weights?: Float64Array | undefined;
  readonly reduction: Reduction;
  readonly ignoreIndex?: number | undefined;
}

/** CE-2.1 along axis 1, max-shifted: `lp_c = (x_c − m) − log Σ_j exp(x_j − m)`. */
export function logSoftmax64(x: Float64Array, dims: readonly number[]): Float64Array {
  const classes = dims[1]!;
  const inner = dims.slice(2).reduce((a, b) => a * b, 1);
  const out = new Float64Array(x.length);
  for (let row = 0; row < x.length / classes; row++) {
    const at = (c: number) => (Math.floor(row / inner) * classes + c) * inner + (row % inner);
    let m = -Infinity;
    for (let c = 0; c < classes; c++) m = Math.max(m, x[at(c)]!);
    let s = 0;
    for (let c = 0; c < classes; c++) s += Math.exp(x[at(c)]! - m);
    for (let c = 0; c < classes; c++) out[at(c)] = x[at(c)]! - m - Math.log(s);
  }
  return out;
}

/** NLL per ONNX's function body: 0 at ignored labels; `mean` divides by Σ w_t over the others (RED-3.1). */
export function nll64(p: NllProblem): Float64Array {
  const classes = p.dims[1]!;
  const inner = p.dims.slice(2).reduce((a, b) => a * b, 1);
  const losses = new Float64Array(p.labels.length);
  let denominator = 0;
  p.labels.forEach((label, i) => {
    if (label === p.ignoreIndex) return;
    const w = p.weights ? p.weights[label]! : 1;
    losses[i] = -w * p.logProb[(Math.floor(i / inner) * classes + label) * inner + (i % inner)]!;
    denominator += w;
  });
  if (p.reduction === 'none') return losses;
  const sum = losses.reduce((a, b) => a + b, 0);
  return Float64Array.of(p.reduction === 'sum' ? sum : sum / denominator);
}
