/**
 * Shapes, sizes and dtype membership of a case (FMT-1.2, CE-1, BCE-5, BCEL-2, DT-2).
 */
import { roundTo } from '../numeric/dtype.js';
import { LossInputError } from './errors.js';
import type { ProfileRules } from './profiles.js';
import { hasClassAxis, hasSoftmax, type LossCase, type OutputName } from './types.js';

/** Where the values of a case sit in its flat arrays. */
export interface Layout {
  /** Softmax CE: positions P (CE-1.1); binary losses: elements. */
  readonly positions: number;
  /** Softmax CE: C; binary losses: 1. */
  readonly classes: number;
  /** Softmax CE: the stride between classes, d1···dk (1 for [N, C] and [C]); binary: 1. */
  readonly inner: number;
  /**
   * Binary losses: how many consecutive elements one per-position loss averages — the last
   * dimension where the profile means over it (PRO-18), else 1. Linear CE: D, the values of h
   * one position reads (LCE-1). Softmax CE and NLL: 1.
   */
  readonly rowLength: number;
}

const product = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

function expectLength(field: string, actual: number, allowed: readonly number[], clause: string, what: string): void {
  if (!allowed.includes(actual)) {
    throw new LossInputError('shape_mismatch', field, clause, `has ${actual} values, expected ${what}`);
  }
}

function softmaxLayout(c: LossCase): Layout {
  const { shape } = c;
  if (shape.length === 0)
    throw new LossInputError(
      'shape_mismatch',
      'shape',
      'CE-1.1',
      `${c.loss} needs a class axis: [C] or [N, C, d1..dk]`,
    );
  const classes = shape.length === 1 ? shape[0]! : shape[1]!;
  if (classes < 1)
    throw new LossInputError('shape_mismatch', 'shape', 'CE-1.4', `needs at least one class, got C = ${classes}`);
  const inner = product(shape.slice(2));
  const positions = shape.length === 1 ? 1 : shape[0]! * inner;
  const targetSize = c.targetKind === 'index' ? positions : c.input.length;
  const targetClause = c.targetKind === 'index' ? 'CE-3.1' : 'CE-4.1';
  expectLength(
    'target',
    c.target.length,
    [targetSize],
    targetClause,
    `${targetSize} (${c.targetKind} target of shape [${shape.join(', ')}])`,
  );
  if (c.weight) expectLength('weight', c.weight.length, [classes], 'CE-5.1', `C = ${classes} class weights`);
  return { positions, classes, inner, rowLength: 1 };
}

function binaryLayout(c: LossCase, rules: ProfileRules): Layout {
  const elements = c.input.length;
  const lastDim = c.shape.length === 0 ? 1 : c.shape[c.shape.length - 1]!;
  expectLength('target', c.target.length, [elements], 'BCE-1', `${elements}, the input's size`);
  if (c.weight)
    expectLength('weight', c.weight.length, [elements, lastDim, 1], 'BCE-5', `${elements}, ${lastDim} or 1`);
  if (c.posWeight && c.loss === 'binary_cross_entropy_with_logits') {
    expectLength('posWeight', c.posWeight.length, [lastDim, 1], 'BCEL-2', `${lastDim} (the last dimension) or 1`);
  }
  // PRO-18: one loss per row; a rank-0 input has no row, and the profile rejects it later.
  if (rules.binaryRowMean && c.shape.length > 0)
    return { positions: product(c.shape.slice(0, -1)), classes: 1, inner: 1, rowLength: lastDim };
  return { positions: elements, classes: 1, inner: 1, rowLength: 1 };
}

/** LCE-1: h is [N, D] with D ≥ 1; W holds V·D values (V ≥ 1), b holds V; one target per row. */
function linearLayout(c: LossCase): Layout {
  const [rows, hidden] = c.shape;
  if (c.shape.length !== 2 || !(hidden! >= 1))
    throw new LossInputError('shape_mismatch', 'shape', 'LCE-1', `linear_cross_entropy takes h of shape [N, D], D ≥ 1`);
  const weights = c.linearWeight!.length;
  if (weights === 0 || weights % hidden! !== 0)
    throw new LossInputError(
      'shape_mismatch',
      'linearWeight',
      'LCE-1',
      `has ${weights} values, expected V·${hidden} for some V ≥ 1 (W is [V, D], D = ${hidden})`,
    );
  const classes = weights / hidden!;
  if (c.linearBias) expectLength('linearBias', c.linearBias.length, [classes], 'LCE-1', `V = ${classes}`);
  expectLength('target', c.target.length, [rows!], 'LCE-1', `N = ${rows} class indices`);
  return { positions: rows!, classes, inner: 1, rowLength: hidden! };
}

/** UP-1: one upstream value per position under `none`, one under `mean` and `sum`. */
function checkUpstream(c: LossCase, layout: Layout): void {
  if (!c.upstream) return;
  const size = c.reduction === 'none' ? layout.positions : 1;
  const what = c.reduction === 'none' ? `${size}, one per position (reduction none)` : `1 (reduction ${c.reduction})`;
  expectLength('upstream', c.upstream.length, [size], 'UP-1', what);
}

/** The outputs each loss has (CE-2.3, LSE-1, LCE-3). */
function outputClause(c: LossCase, output: OutputName): string | undefined {
  if (output === 'logProb' && c.loss !== 'softmax_cross_entropy')
    return c.loss === 'negative_log_likelihood' ? 'NLL-1' : c.loss === 'linear_cross_entropy' ? 'LCE-3' : 'CE-2.3';
  if (output === 'lse' && !hasSoftmax(c.loss)) return 'LSE-1';
  if ((output === 'gradWeight' || output === 'gradBias') && c.loss !== 'linear_cross_entropy') return 'LCE-3';
  return output === 'gradBias' && !c.linearBias ? 'LCE-3' : undefined;
}

/** FMT-4's `unknown_value` stage: the target kind and the outputs the loss has. */
export function checkLossValues(c: LossCase): void {
  if ((c.loss === 'negative_log_likelihood' || c.loss === 'linear_cross_entropy') && c.targetKind !== 'index') {
    throw new LossInputError(
      'unknown_value',
      'targetKind',
      c.loss === 'linear_cross_entropy' ? 'LCE-1' : 'NLL-1',
      `${c.loss} takes class-index targets`,
    );
  }
  if (!hasClassAxis(c.loss) && c.loss !== 'linear_cross_entropy' && c.targetKind !== 'probability') {
    throw new LossInputError(
      'unknown_value',
      'targetKind',
      'BCE-1',
      `${c.loss} takes probability targets, got "${c.targetKind}"`,
    );
  }
  for (const output of c.outputs) {
    const clause = outputClause(c, output);
    if (clause === undefined) continue;
    const what = output === 'gradBias' && c.loss === 'linear_cross_entropy' ? ' without linearBias' : '';
    throw new LossInputError('unknown_value', 'outputs', clause, `${output} is not an output of ${c.loss}${what}`);
  }
}

/** Sizes agree with the shape (FMT-1.2) and the loss's layout. */
export function checkShapes(c: LossCase, rules: ProfileRules): Layout {
  const size = product(c.shape);
  expectLength('input', c.input.length, [size], 'FMT-1.2', `${size} for shape [${c.shape.join(', ')}]`);
  const layout =
    c.loss === 'linear_cross_entropy'
      ? linearLayout(c)
      : hasClassAxis(c.loss)
        ? softmaxLayout(c)
        : binaryLayout(c, rules);
  checkUpstream(c, layout);
  return layout;
}

function checkMembers(values: Float64Array | undefined, field: string, c: LossCase, finite: boolean): void {
  // Every double is a float64 value: then only finiteness is left to check, if asked.
  const members = c.dtype !== 'float64';
  if (!values || !(members || finite)) return;
  const round = roundTo(c.dtype);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (finite && !Number.isFinite(v))
      throw new LossInputError('not_finite', `${field}[${i}]`, 'FMT-1', `${v} is not a finite number`);
    if (members && v === v && !Object.is(round(v), v)) {
      throw new LossInputError(
        'not_representable',
        `${field}[${i}]`,
        'DT-2',
        `${v} is not a ${c.dtype} value (nearest: ${round(v)})`,
      );
    }
  }
}

/**
 * Every value is a member of the dtype (DT-2); weights, probability targets, upstream gradients
 * (UP-1) and a linear CE's inputs (LCE-1) are finite.
 */
export function checkRepresentable(c: LossCase): void {
  const linear = c.loss === 'linear_cross_entropy';
  checkMembers(c.input, 'input', c, linear);
  if (c.targetKind === 'probability') checkMembers(c.target, 'target', c, true);
  checkMembers(c.weight, 'weight', c, true);
  checkMembers(c.posWeight, 'posWeight', c, true);
  checkMembers(c.upstream, 'upstream', c, true);
  if (linear) {
    checkMembers(c.linearWeight, 'linearWeight', c, true);
    checkMembers(c.linearBias, 'linearBias', c, true);
  }
}
