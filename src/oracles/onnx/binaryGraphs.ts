/**
 * Binary cross-entropy graphs of primitive ONNX operators (ONNX has no BCE operator): on
 * probabilities with PyTorch's log clamp (BCE-1), and with logits in PyTorch's stable form or in
 * the unstable form PyTorch's ONNX exporter emits (BCEL-1, BCEL-2). `weight` and `posWeight`
 * arrive with the input's rank, already laid out to broadcast (BCE-5, BCEL-2).
 */
import type { Dim, GraphBuilder } from './graphBuilder.js';
import { lossOutput, NAMES, reduceLoss } from './graphParts.js';
import type { BceSpec, BcelSpec } from './graphSpec.js';

interface BinaryInputs {
  readonly x: string;
  readonly y: string;
  readonly w: string | undefined;
}

/** A broadcast operand: same rank as the input, its own symbolic dims. */
function broadcastInput(g: GraphBuilder, name: string, rank: number): string {
  return g.input(
    name,
    g.dtype,
    Array.from({ length: rank }, (_, i) => `${name}${i}`),
  );
}

function binaryInputs(g: GraphBuilder, dims: readonly Dim[], weighted: boolean): BinaryInputs {
  const x = g.input(NAMES.input, g.dtype, dims);
  const y = g.input(NAMES.target, g.dtype, dims);
  return { x, y, w: weighted ? broadcastInput(g, NAMES.weight, dims.length) : undefined };
}

function finish(
  g: GraphBuilder,
  perElement: string,
  w: string | undefined,
  spec: BceSpec | BcelSpec,
  dims: readonly Dim[],
): void {
  const weighted = w ? g.op('Mul', [perElement, w]) : perElement;
  lossOutput(g, reduceLoss(g, weighted, spec.reduction), spec.reduction, dims);
}

/**
 * log1p(u), which ONNX lacks, by Kahan's identity: `u` where `1 + u` rounds to 1, else
 * `log(1 + u)·u/((1 + u) − 1)` — the rounding of `1 + u` cancels, so the result stays within a few
 * ULPs of log1p, where `Log(1 − p)` loses a tiny p entirely (TOL-RUN's BCE logs).
 */
function log1pGraph(g: GraphBuilder, u: string): string {
  const one = g.scalar(1);
  const w = g.op('Add', [one, u]);
  const corrected = g.op('Div', [g.op('Mul', [g.op('Log', [w]), u]), g.op('Sub', [w, one])]);
  return g.op('Where', [g.op('Equal', [w, one]), u, corrected]);
}

/** BCE-1 in PyTorch's kernel form: `(y − 1)·max(log1p(−p), −100) − y·max(log p, −100)`, times w. */
export function bceGraph(g: GraphBuilder, spec: BceSpec, dims: readonly Dim[]): void {
  const { x: p, y, w } = binaryInputs(g, dims, spec.weighted);
  const one = g.scalar(1);
  const floor = g.scalar(-100);
  const logP = g.op('Max', [g.op('Log', [p]), floor]);
  const logOneMinusP = g.op('Max', [log1pGraph(g, g.op('Neg', [p])), floor]);
  const perElement = g.op('Sub', [g.op('Mul', [g.op('Sub', [y, one]), logOneMinusP]), g.op('Mul', [y, logP])]);
  finish(g, perElement, w, spec, dims);
}

/**
 * `softplus(z)`: the Softplus operator, except in float64, where ORT's CPU execution provider has
 * no Softplus kernel: there the max-shift form `max(z, 0) + log1p(exp(−|z|))`, log1p by Kahan's
 * identity (a plain `Log(1 + ·)` would lose the tail below the unit roundoff: softplus(−40) = 0).
 */
function softplus(g: GraphBuilder, z: string): string {
  if (g.dtype !== 'float64') return g.op('Softplus', [z]);
  const tail = log1pGraph(g, g.op('Exp', [g.op('Neg', [g.op('Abs', [z])])]));
  return g.op('Add', [g.op('Max', [z, g.scalar(0)]), tail]);
}

/** PyTorch's form: `(1 − y)·x + (1 + (pw − 1)·y)·softplus(−x)` (BCEL-1); it gives PRO-11's torch column at ±∞. */
function stableBcel(g: GraphBuilder, x: string, y: string, pw: string | undefined): string {
  const one = g.scalar(1);
  const negativeSoftplus = softplus(g, g.op('Neg', [x]));
  const positive = pw
    ? g.op('Mul', [g.op('Add', [g.op('Mul', [g.op('Sub', [pw, one]), y]), one]), negativeSoftplus])
    : negativeSoftplus;
  return g.op('Add', [g.op('Mul', [g.op('Sub', [one, y]), x]), positive]);
}

/** The exporter's form (torch.onnx symbolic_opset12): `−(y·log σ(x)·pw + (1 − y)·log(1 − σ(x)))`. */
function exporterBcel(g: GraphBuilder, x: string, y: string, pw: string | undefined): string {
  const one = g.scalar(1);
  const sigmoid = g.op('Sigmoid', [x]);
  const positive = g.op('Mul', [y, g.op('Log', [sigmoid])]);
  const negative = g.op('Mul', [g.op('Sub', [one, y]), g.op('Log', [g.op('Sub', [one, sigmoid])])]);
  return g.op('Neg', [g.op('Add', [pw ? g.op('Mul', [positive, pw]) : positive, negative])]);
}

export function bcelGraph(g: GraphBuilder, spec: BcelSpec, dims: readonly Dim[]): void {
  const { x, y, w } = binaryInputs(g, dims, spec.weighted);
  const pw = spec.posWeighted ? broadcastInput(g, NAMES.posWeight, dims.length) : undefined;
  const perElement = spec.form === 'stable' ? stableBcel(g, x, y, pw) : exporterBcel(g, x, y, pw);
  finish(g, perElement, w, spec, dims);
}
