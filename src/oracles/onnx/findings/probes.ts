/**
 * Real runs behind spec/findings/onnxruntime.md: the probe cases through ORT, which graphs ORT's
 * CPU execution provider accepts per dtype, and how it executes float16.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeCase } from '../../../case/decode.js';
import { DTYPES, type CaseResult, type Dtype, type LossValues } from '../../../case/types.js';
import { runDecodedCase } from '../../../adapters/runCase.js';
import { buildLossModel } from '../buildModel.js';
import { decodeModel, encodeModel } from '../graphBuilder.js';
import type { GraphSpec } from '../graphSpec.js';
import { ortImplementation, type OrtImplementation } from '../ort.js';
import { PROBE_VARIANTS, PROBES, type Probe, type ProbeVariant } from './probeCatalog.js';
import { NODE_RUNTIME } from '../nodeRuntime.js';
import { createSession } from '../runtime.js';

/** A value as the findings print it: ten significant digits, −0 and ±∞ spelled out. */
export function formatValue(v: number): string {
  if (Object.is(v, -0)) return '−0';
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+∞' : '−∞';
  return String(Number(v.toPrecision(10)));
}

const formatValues = (values: LossValues): string => `[${Array.from(values.loss, formatValue).join(', ')}]`;

/** ORT's message without its source location and C++ signature: `GatherElements: Out of range value in index tensor`. */
export function briefError(message: string): string {
  const node = /running (\w+) node/.exec(message)?.[1];
  const detail = message.split('\n')[0]!.split('Status Message: ').pop()!;
  const text = detail
    .replace(/^This is an invalid model\. /, '')
    .replace(/^\/onnxruntime_src\/\S+ [^(]*\([^)]*\) (\[with [^\]]*\] )?/, '');
  return node ? `${node}: ${text}` : text;
}

export interface ProbeOutcome {
  readonly probe: Probe;
  /** The loss values, `throws: …` or `unsupported: …`. */
  readonly outcome: string;
  /** What ORT returned, for judging it (probeVerdicts.ts). */
  readonly result: CaseResult;
}

/** Run every probe; the first line of an error is enough to recognise it. */
export async function runProbes(probes: readonly Probe[] = PROBES): Promise<ProbeOutcome[]> {
  const variants = new Map<ProbeVariant, OrtImplementation>();
  const outcomes: ProbeOutcome[] = [];
  for (const probe of probes) {
    if (!variants.has(probe.variant))
      variants.set(probe.variant, ortImplementation('ort', PROBE_VARIANTS[probe.variant]));
    const result = await runDecodedCase(variants.get(probe.variant)!, decodeCase(probe.case));
    const outcome =
      'error' in result
        ? `throws (${briefError(result.error)})`
        : 'unsupported' in result
          ? `unsupported: ${result.unsupported}`
          : formatValues(result);
    outcomes.push({ probe, outcome, result });
  }
  await Promise.all([...variants.values()].map((v) => v.close()));
  return outcomes;
}

const OPTIONS = { rank: 2, reduction: 'mean', weighted: true } as const;
const SOFTMAX = { ...OPTIONS, logProb: true, ignoreIndex: 1 } as const;

/** The graphs of the acceptance table, at rank 2 with every option on. */
export const ACCEPTANCE_GRAPHS: Readonly<Record<string, (dtype: Dtype) => GraphSpec>> = {
  'SoftmaxCrossEntropyLoss, opset 12': (dtype) => ({ ...SOFTMAX, dtype, kind: 'sce', opset: 12, path: 'operator' }),
  'SoftmaxCrossEntropyLoss, opset 13': (dtype) => ({ ...SOFTMAX, dtype, kind: 'sce', opset: 13, path: 'operator' }),
  'SoftmaxCrossEntropyLoss, opset 22 (NLL-22 body)': (dtype) => ({
    ...SOFTMAX,
    dtype,
    kind: 'sce',
    opset: 22,
    path: 'operator',
  }),
  'LogSoftmax + NegativeLogLikelihoodLoss-13': (dtype) => ({
    ...SOFTMAX,
    dtype,
    kind: 'sce',
    opset: 13,
    path: 'logSoftmaxNll',
  }),
  'label smoothing graph': (dtype) => ({ ...SOFTMAX, dtype, kind: 'smoothedIndex' }),
  'probability-target graph': (dtype) => ({ ...OPTIONS, dtype, kind: 'probability', smoothed: true, logProb: true }),
  'BCE graph': (dtype) => ({ ...OPTIONS, dtype, kind: 'bce' }),
  'BCE with logits, stable graph': (dtype) => ({ ...OPTIONS, dtype, kind: 'bcel', form: 'stable', posWeighted: true }),
  'BCE with logits, exporter graph': (dtype) => ({
    ...OPTIONS,
    dtype,
    kind: 'bcel',
    form: 'exporter',
    posWeighted: true,
  }),
};

export interface Acceptance {
  readonly graph: string;
  readonly dtype: Dtype;
  /** `runs`, or the first line of the session's error. */
  readonly outcome: string;
}

/** Whether ORT builds a session for each graph and dtype (kernel assignment happens at creation). */
export async function dtypeAcceptance(): Promise<Acceptance[]> {
  const rows: Acceptance[] = [];
  for (const [graph, spec] of Object.entries(ACCEPTANCE_GRAPHS)) {
    for (const dtype of DTYPES) {
      const outcome = await createSession(NODE_RUNTIME, encodeModel(buildLossModel(spec(dtype)))).then(
        (s) => s.release().then(() => 'runs'),
        (e: Error) => briefError(e.message),
      );
      rows.push({ graph, dtype, outcome });
    }
  }
  return rows;
}

/** The operator types ORT executes for a spec after its graph optimisations (Cast(to=N) spelled out). */
export async function executedOperators(spec: GraphSpec): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'losscheck-ort-'));
  try {
    const path = join(dir, 'optimized.onnx');
    const session = await createSession(NODE_RUNTIME, encodeModel(buildLossModel(spec)), {
      optimizedModelFilePath: path,
    });
    await session.release();
    const nodes = decodeModel(await readFile(path)).graph?.node ?? [];
    return nodes.map((n) =>
      n.opType === 'Cast' ? `Cast(to=${n.attribute?.find((a) => a.name === 'to')?.i})` : (n.opType ?? '?'),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
