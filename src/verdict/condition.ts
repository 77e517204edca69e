/**
 * The condition number of each loss output at its input (spec/tolerance.md#TOL-4), estimated
 * from binary64 values of the loss and its gradient computed by the accurate kernels.
 */
import { hasClassAxis, type LossCase } from '../case/types.js';
import { validateCase, type ValidCase } from '../case/validate.js';
import { accurateKernels } from '../losses/accurate.js';
import { fromScaled } from '../numeric/scaled.js';
import { driverValues } from '../losses/builtins.js';

/**
 * x̃_j: the logit less its row's maximum for softmax CE (shift invariance), else x_j (NLL too; and
 * softmax CE with a z-loss or a soft-cap, ZL-1 and CAP-1, which a common offset does change).
 */
function shiftedInputs(c: ValidCase): Float64Array {
  if (c.loss !== 'softmax_cross_entropy' || c.zLoss > 0 || c.logitSoftcap !== undefined) return c.input;
  const shifted = new Float64Array(c.input.length);
  for (let i = 0; i < c.positions; i++) {
    const base = Math.floor(i / c.inner) * c.classes * c.inner + (i % c.inner);
    let m = -Infinity;
    for (let j = 0; j < c.classes; j++) m = Math.max(m, c.input[base + j * c.inner]!);
    for (let j = 0; j < c.classes; j++) shifted[base + j * c.inner] = c.input[base + j * c.inner]! - m;
  }
  return shifted;
}

/** Which output element each input feeds: its position under `none`, else the one scalar. */
function outputOf(c: ValidCase, inputIndex: number): number {
  if (c.reduction !== 'none') return 0;
  if (!hasClassAxis(c.loss)) return Math.floor(inputIndex / c.rowLength); // PRO-18: its row
  return Math.floor(inputIndex / (c.classes * c.inner)) * c.inner + (inputIndex % c.inner);
}

/** κ = Σ_j |x̃_j·∂L/∂x_j| / |L| for every loss output (TOL-4); 0 where both vanish. */
export function conditionNumbers(raw: LossCase): Float64Array {
  const c = validateCase({ ...raw, outputs: ['loss', 'grad'] });
  const values = driverValues(c, accurateKernels());
  const loss = values.loss.map(fromScaled);
  const shifted = shiftedInputs(c);
  const sensitivity = new Float64Array(loss.length);
  values.grad!.forEach((g, j) => {
    const term = Math.abs(shifted[j]! * fromScaled(g));
    const k = outputOf(c, j);
    if (term > 0) sensitivity[k] = sensitivity[k]! + term;
  });
  return sensitivity.map((s, i) => (s === 0 ? 0 : s / Math.abs(loss[i]!)));
}

/**
 * κ of the loss element an output value belongs to (TOL-4): `loss[i]` its own, `lse[i]` its
 * position's; a value of the input's shape (`grad`, `logProb`) the loss of its position under
 * `none`, else the one scalar. NaN for linear CE, whose loss depends on h, W and b together:
 * TOL-4 does not estimate it, and reports leave it out (REP-10.2).
 */
export function conditionAt(raw: LossCase, output: string, index: number): number {
  if (raw.loss === 'linear_cross_entropy') return NaN;
  const kappas = conditionNumbers(raw);
  if (output === 'loss') return kappas[index]!;
  const c = validateCase({ ...raw, outputs: ['loss'] });
  if (output === 'lse') return kappas[c.reduction === 'none' ? index : 0]!;
  return kappas[outputOf(c, index)]!;
}
