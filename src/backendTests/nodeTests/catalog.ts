/**
 * The node tests the onnx package generates for SoftmaxCrossEntropyLoss and
 * NegativeLogLikelihoodLoss (onnx/backend/test/case/node/softmaxcrossentropy.py and
 * negativeloglikelihoodloss.py): names, shapes and attributes, so that losscheck can write
 * directories in their layout.
 */
import type { Reduction } from '../../case/types.js';
import type { LossOp } from '../../oracles/onnx/lossNode.js';

export interface NodeTestDefinition {
  readonly name: string;
  readonly op: LossOp;
  readonly dims: readonly number[];
  readonly reduction: Reduction;
  readonly ignoreIndex?: number;
  /** Fixed class weights, or `random` (drawn after the labels, as onnx does). */
  readonly weights?: readonly number[] | 'random';
  readonly logProb: boolean;
}

type Row = Omit<NodeTestDefinition, 'op' | 'logProb' | 'name'> & { readonly suffix: string };

const NC = [3, 5];
const NCD5 = [3, 5, 6, 6, 5, 3, 4];
const W_SCE = [0.9, 0.7, 0.8, 0.9, 0.9];
const W_SCE_3D = [0.2, 0.3, 0.6, 0.1, 0.5];

const SCE_ROWS: readonly Row[] = [
  { suffix: 'none', dims: NC, reduction: 'none' },
  { suffix: 'none_weights', dims: NC, reduction: 'none', weights: W_SCE },
  { suffix: 'sum', dims: NC, reduction: 'sum' },
  { suffix: 'mean', dims: NC, reduction: 'mean' },
  { suffix: 'mean_3d', dims: [3, 5, 2], reduction: 'mean' },
  { suffix: 'mean_weight', dims: NC, reduction: 'mean', weights: W_SCE },
  { suffix: 'mean_weight_ii', dims: NC, reduction: 'mean', ignoreIndex: 0, weights: W_SCE },
  { suffix: 'mean_no_weight_ii', dims: NC, reduction: 'mean', ignoreIndex: 2 },
  { suffix: 'mean_weight_ii_3d', dims: [3, 5, 2], reduction: 'mean', ignoreIndex: 1, weights: W_SCE_3D },
  { suffix: 'mean_no_weight_ii_3d', dims: [3, 5, 2], reduction: 'mean', ignoreIndex: 2 },
  { suffix: 'mean_weight_ii_4d', dims: [3, 5, 2, 7], reduction: 'mean', ignoreIndex: 2, weights: W_SCE_3D },
  { suffix: 'mean_no_weight_ii_4d', dims: [3, 5, 2, 7], reduction: 'mean', ignoreIndex: 2 },
  { suffix: 'NCd1d2d3d4d5_mean_weight', dims: NCD5, reduction: 'mean', weights: 'random' },
  { suffix: 'NCd1d2d3d4d5_none_no_weight', dims: NCD5, reduction: 'none' },
  { suffix: 'NCd1_mean_weight_negative_ii', dims: [3, 5, 6], reduction: 'mean', ignoreIndex: -1, weights: 'random' },
  { suffix: 'NCd1d2d3_none_no_weight_negative_ii', dims: [3, 5, 6, 6, 5], reduction: 'none', ignoreIndex: -5 },
  { suffix: 'NCd1d2d3_sum_weight_high_ii', dims: NC, reduction: 'sum', ignoreIndex: 10, weights: 'random' },
];

const NCD2 = [3, 5, 6, 6];

const NLL_ROWS: readonly Row[] = [
  { suffix: 'NC', dims: NC, reduction: 'none' },
  { suffix: 'NCd1d2', dims: NCD2, reduction: 'none' },
  { suffix: 'NCd1d2_reduction_mean', dims: NCD2, reduction: 'mean' },
  { suffix: 'NCd1d2_reduction_sum', dims: NCD2, reduction: 'sum' },
  { suffix: 'NCd1d2_with_weight', dims: NCD2, reduction: 'none', weights: 'random' },
  { suffix: 'NCd1d2_with_weight_reduction_mean', dims: NCD2, reduction: 'mean', weights: 'random' },
  { suffix: 'NCd1d2_with_weight_reduction_sum', dims: NCD2, reduction: 'sum', weights: 'random' },
  { suffix: 'NCd1d2_with_weight_reduction_sum_ii', dims: NCD2, reduction: 'sum', ignoreIndex: 0, weights: 'random' },
  { suffix: 'NCd1d2_no_weight_reduction_mean_ii', dims: NCD2, reduction: 'mean', ignoreIndex: 1 },
  { suffix: 'NCd1', dims: [3, 5, 2], reduction: 'mean' },
  { suffix: 'NCd1_weight', dims: [3, 5, 2], reduction: 'mean', weights: 'random' },
  { suffix: 'NCd1_ii', dims: [3, 5, 2], reduction: 'mean', ignoreIndex: 1 },
  { suffix: 'NCd1_weight_ii', dims: [3, 5, 2], reduction: 'mean', ignoreIndex: 1, weights: 'random' },
  { suffix: 'NCd1d2d3d4d5_mean_weight', dims: NCD5, reduction: 'mean', weights: 'random' },
  { suffix: 'NCd1d2d3d4d5_none_no_weight', dims: NCD5, reduction: 'none' },
  { suffix: 'NCd1_mean_weight_negative_ii', dims: [3, 5, 6], reduction: 'mean', ignoreIndex: -1, weights: 'random' },
  { suffix: 'NCd1d2d3_none_no_weight_negative_ii', dims: [3, 5, 6, 6, 5], reduction: 'none', ignoreIndex: -5 },
  { suffix: 'NCd1d2d3_sum_weight_high_ii', dims: NC, reduction: 'sum', ignoreIndex: 10, weights: 'random' },
];

const definition =
  (op: LossOp, prefix: string, logProb: boolean) =>
  ({ suffix, ...row }: Row): NodeTestDefinition => ({
    ...row,
    op,
    logProb,
    name: `${prefix}_${suffix}${logProb ? '_log_prob' : ''}`,
  });

/** The 34 test_sce_* (each with a _log_prob twin) and 18 test_nllloss_* definitions. */
export const NODE_TESTS: readonly NodeTestDefinition[] = [
  ...SCE_ROWS.flatMap((row) =>
    [false, true].map((logProb) => definition('SoftmaxCrossEntropyLoss', 'test_sce', logProb)(row)),
  ),
  ...NLL_ROWS.map(definition('NegativeLogLikelihoodLoss', 'test_nllloss', false)),
];

/** The opset onnx stamps on a node test: the operator's since_version (SCE-13, NLL-22). */
export const NODE_TEST_OPSET: Readonly<Record<LossOp, number>> = {
  SoftmaxCrossEntropyLoss: 13,
  NegativeLogLikelihoodLoss: 22,
};
