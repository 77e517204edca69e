/**
 * ORT's error distribution against the certified reference, per dtype and graph: a seeded sample
 * of valid cases (the property suite's arbitraries, every logit regime) through the `ort`
 * implementations, each output value measured in ULPs of the case's dtype (TOL-1, TOL-2) and
 * judged under the `stable` level (TOL-LEVEL.5). For spec/findings/onnxruntime.md.
 */
import fc from 'fast-check';
import { lossCase } from '../../../../properties/arbitraries/lossCase.js';
import { softmaxCase, type CaseJson } from '../../../../properties/arbitraries/softmaxCase.js';
import type { Dtype } from '../../../case/types.js';
import { measureErrors, type ErrorStats } from '../../../findings/errors.js';
import type { ReferenceEngine } from '../../../reference/arithmetic.js';
import type { OrtName } from '../ortNames.js';
import { ortImplementation } from '../ort.js';

/** A graph of the `ort` implementations and the cases that reach it. */
interface SampledGraph {
  readonly graph: string;
  readonly impl: OrtName;
  readonly cases: (dtype: Dtype) => fc.Arbitrary<CaseJson>;
}

const LOSS_ONLY = ['loss'];

export const SAMPLED_GRAPHS: readonly SampledGraph[] = [
  {
    graph: 'SoftmaxCrossEntropyLoss-13 (loss, log_prob)',
    impl: 'ort',
    cases: (dtype) =>
      softmaxCase({ dtype, profile: 'onnx', targetKind: 'index', smoothing: false, outputs: ['loss', 'logProb'] }),
  },
  {
    graph: 'NegativeLogLikelihoodLoss-13',
    impl: 'ort',
    cases: (dtype) => lossCase({ loss: 'negative_log_likelihood', dtype, profile: 'onnx', outputs: LOSS_ONLY }),
  },
  {
    graph: 'label smoothing graph',
    impl: 'ort',
    cases: (dtype) =>
      softmaxCase({ dtype, targetKind: 'index', outputs: LOSS_ONLY }).filter((c) => (c.labelSmoothing as number) > 0),
  },
  {
    graph: 'probability-target graph',
    impl: 'ort',
    cases: (dtype) => softmaxCase({ dtype, targetKind: 'probability', outputs: LOSS_ONLY }),
  },
  {
    graph: 'BCE graph',
    impl: 'ort',
    cases: (dtype) => lossCase({ loss: 'binary_cross_entropy', dtype, outputs: LOSS_ONLY }),
  },
  {
    graph: 'BCE with logits, stable graph',
    impl: 'ort',
    cases: (dtype) => lossCase({ loss: 'binary_cross_entropy_with_logits', dtype, outputs: LOSS_ONLY }),
  },
  {
    graph: 'BCE with logits, exporter graph',
    impl: 'ort-unstable',
    cases: (dtype) => lossCase({ loss: 'binary_cross_entropy_with_logits', dtype, outputs: LOSS_ONLY }),
  },
];

/** The dtypes ORT runs (bfloat16 does not: the acceptance table). */
export const SAMPLED_DTYPES: readonly Dtype[] = ['float64', 'float32', 'float16'];

export interface ErrorRow extends ErrorStats {
  readonly graph: string;
  readonly dtype: Dtype;
}

async function measure(
  graph: SampledGraph,
  dtype: Dtype,
  jsons: readonly CaseJson[],
  engine: ReferenceEngine,
): Promise<ErrorRow> {
  const impl = ortImplementation(graph.impl);
  try {
    return { graph: graph.graph, dtype, ...(await measureErrors(impl, jsons, engine, 'stable')) };
  } finally {
    await impl.close();
  }
}

/** Every graph in every dtype ORT runs, `perGraph` cases each, drawn with `seed`. */
export async function errorDistribution(engine: ReferenceEngine, seed: number, perGraph: number): Promise<ErrorRow[]> {
  const rows: ErrorRow[] = [];
  for (const dtype of SAMPLED_DTYPES) {
    for (const graph of SAMPLED_GRAPHS) {
      const jsons = fc.sample(graph.cases(dtype), { seed, numRuns: perGraph });
      rows.push(await measure(graph, dtype, jsons, engine));
    }
  }
  return rows;
}
