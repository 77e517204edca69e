/**
 * The suite's own cases in the backend-test layout: a SoftmaxCrossEntropyLoss-13 or
 * NegativeLogLikelihoodLoss-13 model with the case's attributes and concrete dims (as onnx's
 * `expect` writes), the case's inputs, and the expected outputs the caller computed (normally
 * the certified reference's).
 */
import { PROFILE_RULES } from '../case/profiles.js';
import type { LossCase, LossValues } from '../case/types.js';
import { writeBackendTest, type BackendTest, type DataSet } from './layout.js';
import { buildLossModel } from '../oracles/onnx/buildModel.js';
import { NAMES, onnxSoftmaxDims, positionDims } from '../oracles/onnx/graphParts.js';
import type { NllSpec, SceSpec } from '../oracles/onnx/graphSpec.js';
import type { DecodedTensor } from '../oracles/onnx/tensorProto.js';

/** The opset the exported models import: SCE-13 and NLL-13 (the versions ORT's and onnx's tests share). */
const EXPORT_OPSET = 13;

/** Why a case has no SoftmaxCrossEntropyLoss or NegativeLogLikelihoodLoss form, or undefined. */
export function exportRefusal(c: LossCase): string | undefined {
  if (c.loss !== 'softmax_cross_entropy' && c.loss !== 'negative_log_likelihood')
    return `${c.loss} has no ONNX operator`;
  if (c.targetKind !== 'index')
    return 'SoftmaxCrossEntropyLoss and NegativeLogLikelihoodLoss take class indices only (CE-4 has no operator)';
  if (c.labelSmoothing > 0) return 'the ONNX operators have no label smoothing (LS-1)';
  if (c.zLoss > 0) return 'the ONNX operators have no z-loss (ZL-1)';
  if (c.logitSoftcap !== undefined) return 'the ONNX operators have no soft-cap (CAP-1)';
  if (c.profile !== 'onnx' && c.profile !== 'torch')
    return `profile ${c.profile} is not expressible as the ONNX operators`;
  if (c.shape.length === 1 && !PROFILE_RULES[c.profile].unbatched)
    return 'a [C] input is not an input of the ONNX operators, which take (N, C, D1..Dk) (PRO-20)';
  if (c.dtype === 'bfloat16')
    return 'bfloat16: SoftmaxCrossEntropyLoss-13 and NegativeLogLikelihoodLoss-13 take float16, float and double only';
  return undefined;
}

/** A directory name from a case id: `test_losscheck_<id>` with only [A-Za-z0-9_-]. */
export const backendTestName = (id: string): string => `test_losscheck_${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

const tensor = (
  name: string,
  dtype: DecodedTensor['dtype'],
  dims: readonly number[],
  values: Float64Array,
): DecodedTensor => ({ name, dtype, dims, values });

/** The data set of a case: x, y (int64), w; z and log_prob from `expected`. */
function caseDataSet(c: LossCase, dims: readonly number[], expected: LossValues, logProb: boolean): DataSet {
  const inputs = [
    tensor(NAMES.input, c.dtype, dims, c.input),
    tensor(NAMES.target, 'int64', positionDims(dims), c.target),
  ];
  if (c.weight) inputs.push(tensor(NAMES.weight, c.dtype, [c.weight.length], c.weight));
  const outputs = [tensor(NAMES.loss, c.dtype, c.reduction === 'none' ? positionDims(dims) : [], expected.loss)];
  if (logProb) outputs.push(tensor(NAMES.logProb, c.dtype, dims, expected.logProb!));
  return { name: 'test_data_set_0', inputs, outputs };
}

/** The operator's graph spec of a case (its attributes, dtype and rank). */
function exportSpec(c: LossCase, rank: number, logProb: boolean): SceSpec | NllSpec {
  const common = {
    opset: EXPORT_OPSET,
    dtype: c.dtype,
    rank,
    reduction: c.reduction,
    ignoreIndex: c.ignoreIndex ?? PROFILE_RULES[c.profile].defaultIgnoreIndex,
    weighted: c.weight !== undefined,
  };
  return c.loss === 'negative_log_likelihood'
    ? { ...common, kind: 'nll' }
    : { ...common, kind: 'sce', path: 'operator', logProb };
}

/**
 * The backend test of a case. Without `ignoreIndex` the profile's default is written explicitly
 * when it has one (torch: −100, as PyTorch's exporter does; PRO-1). A `[C]` input is written as
 * `[1, C]` under torch (CE-1.2, NLL-1) and refused under onnx (PRO-20).
 */
export function caseToBackendTest(c: LossCase, expected: LossValues, name = backendTestName(c.id)): BackendTest {
  const refusal = exportRefusal(c);
  if (refusal !== undefined) throw new Error(`${c.id}: ${refusal}`);
  const dims = onnxSoftmaxDims(c.shape, c.profile);
  const logProb = c.loss === 'softmax_cross_entropy' && c.outputs.includes('logProb') && expected.logProb !== undefined;
  const model = buildLossModel(exportSpec(c, dims.length, logProb), dims, name);
  return { name, model, dataSets: [caseDataSet(c, dims, expected, logProb)] };
}

export interface ExportSummary {
  readonly written: readonly string[];
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
}

/** Write every exportable case under `outDir`; the others are listed with their reason. */
export async function exportCases(
  entries: readonly { case: LossCase; expected: LossValues }[],
  outDir: string,
): Promise<ExportSummary> {
  const written: string[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const { case: c, expected } of entries) {
    const reason = exportRefusal(c);
    if (reason === undefined) written.push(await writeBackendTest(outDir, caseToBackendTest(c, expected)));
    else skipped.push({ id: c.id, reason });
  }
  return { written, skipped };
}
