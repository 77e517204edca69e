/**
 * onnxruntime-web against onnxruntime-node, value by value: the error sample's cases (the same
 * seed, graphs and dtypes as errorDistribution.ts) through one graph choice on both runtimes, and
 * every output value compared in ULPs of the case's dtype (TOL-1). For spec/findings/onnxruntime.md.
 */
import fc from 'fast-check';
import { runDecodedCase } from '../../../adapters/runCase.js';
import { decodeCase } from '../../../case/decode.js';
import type { CaseResult, Dtype } from '../../../case/types.js';
import { ulpDistance } from '../../../numeric/ulp.js';
import { GRAPH_CHOICES, onnxImplementation } from '../implementation.js';
import type { OrtRuntime } from '../runtime.js';
import { SAMPLED_DTYPES, SAMPLED_GRAPHS } from './errorDistribution.js';

export interface RuntimeRow {
  readonly graph: string;
  readonly dtype: Dtype;
  readonly cases: number;
  readonly values: number;
  /** Values equal bit for bit (NaN with NaN, −0 apart from +0 counted as equal, TOL-1). */
  readonly identical: number;
  readonly maxUlps: number;
  /** Cases one runtime rejected and the other did not. */
  readonly outcomeDiffers: number;
  /** The case of the largest difference, as JSON, when there is one. */
  readonly worst?: string;
}

const OUTPUTS = ['loss', 'logProb'] as const;

/** Every value both results have, as ULP distances. */
function distances(a: CaseResult, b: CaseResult, dtype: Dtype): number[] {
  if (!('loss' in a) || !('loss' in b)) return [];
  return OUTPUTS.flatMap((o) => {
    const [x, y] = [a[o], b[o]];
    if (!x || !y) return [];
    return Array.from(x, (v, i) => (Number.isNaN(v) && Number.isNaN(y[i]!) ? 0 : ulpDistance(v, y[i]!, dtype)));
  });
}

/** The rows of one graph and dtype. */
async function compareGraph(
  runtimes: readonly [OrtRuntime, OrtRuntime],
  graph: (typeof SAMPLED_GRAPHS)[number],
  dtype: Dtype,
  jsons: readonly Record<string, unknown>[],
): Promise<RuntimeRow> {
  const impls = runtimes.map((r) => onnxImplementation(r, graph.impl, GRAPH_CHOICES[graph.impl]));
  let values = 0,
    identical = 0,
    maxUlps = 0,
    outcomeDiffers = 0,
    worst: string | undefined;
  for (const json of jsons) {
    const c = decodeCase(json);
    const [a, b] = [await runDecodedCase(impls[0]!, c), await runDecodedCase(impls[1]!, c)];
    if ('loss' in a !== 'loss' in b) outcomeDiffers++;
    const d = distances(a, b, dtype);
    values += d.length;
    identical += d.filter((u) => u === 0).length;
    const most = Math.max(0, ...d);
    if (most > maxUlps) [maxUlps, worst] = [most, JSON.stringify(json)];
  }
  await Promise.all(impls.map((i) => i.close()));
  return { graph: graph.graph, dtype, cases: jsons.length, values, identical, maxUlps, outcomeDiffers, worst };
}

/** Both runtimes on the error sample (`seed`, `perGraph` cases per graph and dtype). */
export async function compareRuntimes(
  runtimes: readonly [OrtRuntime, OrtRuntime],
  seed: number,
  perGraph: number,
): Promise<RuntimeRow[]> {
  const rows: RuntimeRow[] = [];
  for (const dtype of SAMPLED_DTYPES) {
    for (const graph of SAMPLED_GRAPHS) {
      const jsons = fc.sample(graph.cases(dtype), { seed, numRuns: perGraph });
      rows.push(await compareGraph(runtimes, graph, dtype, jsons));
    }
  }
  return rows;
}
