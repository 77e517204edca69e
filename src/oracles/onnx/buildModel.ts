/**
 * A graph spec → the ONNX model that computes it.
 */
import { bceGraph, bcelGraph } from './binaryGraphs.js';
import { GraphBuilder, type Dim } from './graphBuilder.js';
import { opsetOf, symbolicDims, type GraphSpec } from './graphSpec.js';
import type { ModelProto } from './onnxProto.js';
import { nllGraph, probabilityGraph, sceGraph, smoothedIndexGraph } from './softmaxGraphs.js';

/** The model of a spec, with the input's dims symbolic (session cache) or concrete (export). */
export function buildLossModel(
  spec: GraphSpec,
  dims: readonly Dim[] = symbolicDims(spec),
  graphName?: string,
): ModelProto {
  const g = new GraphBuilder(spec.dtype);
  switch (spec.kind) {
    case 'sce':
      sceGraph(g, spec, dims);
      break;
    case 'smoothedIndex':
      smoothedIndexGraph(g, spec, dims);
      break;
    case 'probability':
      probabilityGraph(g, spec, dims);
      break;
    case 'bce':
      bceGraph(g, spec, dims);
      break;
    case 'bcel':
      bcelGraph(g, spec, dims);
      break;
    case 'nll':
      nllGraph(g, spec, dims);
      break;
  }
  return g.model(opsetOf(spec), graphName);
}
