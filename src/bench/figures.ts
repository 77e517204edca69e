/**
 * The figures of `losscheck bench` (spec/formats.md#CLI-BENCH): the pipeline against ONNX
 * Runtime's kernel, the built-in kernels against ONNX Runtime's, the certified reference against
 * plain decimal.js and cold, and a default `check` over one worker and over several.
 */
import { runCase } from '../adapters/runCase.js';
import { decodeCase } from '../case/decode.js';
import type { Dtype } from '../case/types.js';
import { validateCase } from '../case/validate.js';
import { builtInKernel, type BuiltInName } from '../losses/builtins.js';
import { graphRunFor } from '../oracles/onnx/casePlan.js';
import { GRAPH_CHOICES } from '../oracles/onnx/implementation.js';
import { ortImplementation } from '../oracles/onnx/ort.js';
import { runtimeFeeds } from '../oracles/onnx/runtime.js';
import { createReferenceEngine } from '../reference/engines.js';
import { evaluateReference } from '../reference/reference.js';
import { BATCH_SHAPE, batchJson, logitRow, targetOf } from './batch.js';
import { plainDecimalRow } from './decimalBaseline.js';
import { ratioOf, type Job, type Ratio } from './measure.js';

export interface BenchSettings {
  /** Rounds of each pair (the spread is over the rounds). */
  readonly rounds: number;
  /** Iterations per round. */
  readonly iterations: number;
}

const [ROWS, CLASSES] = BATCH_SHAPE;

/** ONNX Runtime's session.run on prebuilt tensors (single-threaded), and the ort implementation. */
async function ortJobs(dtype: Dtype) {
  const json = batchJson({ rows: ROWS, classes: CLASSES, dtype });
  const impl = ortImplementation('ort');
  const run = graphRunFor(decodeCase(json), GRAPH_CHOICES.ort);
  const session = await impl.sessions.session(run.spec);
  const feeds = runtimeFeeds(impl.sessions.runtime, run.feeds);
  const kernel: Job = () => session.run(feeds);
  return { json, impl, kernel };
}

export interface PipelineFigure {
  readonly kernelMs: number;
  readonly runCaseMs: number;
  readonly overhead: number;
  readonly spread: readonly [number, number];
}

/** `runCase` with `--impl ort` (decode, validate, tensors, results) over ORT's own run. */
export async function pipelineFigure(s: BenchSettings): Promise<PipelineFigure> {
  const { json, impl, kernel } = await ortJobs('float64');
  try {
    const r = await ratioOf(() => runCase(impl, json), kernel, s.rounds, s.iterations);
    return { kernelMs: r.denominatorMs, runCaseMs: r.numeratorMs, overhead: r.ratio, spread: r.spread };
  } finally {
    await impl.close();
  }
}

export interface KernelFigure {
  readonly msPerBatch: number;
  readonly ortMsPerBatch: number;
  readonly ratioToOrt: number;
  readonly spread: readonly [number, number];
}

/** A built-in on a validated batch (typed arrays in hand) over ORT's session.run, per dtype. */
export async function kernelFigure(name: BuiltInName, dtype: Dtype, s: BenchSettings): Promise<KernelFigure> {
  const { json, impl, kernel } = await ortJobs(dtype);
  try {
    const valid = validateCase(decodeCase(json));
    const evaluate = builtInKernel(name);
    const r: Ratio = await ratioOf(() => evaluate(valid), kernel, s.rounds, s.iterations);
    return { msPerBatch: r.numeratorMs, ortMsPerBatch: r.denominatorMs, ratioToOrt: r.ratio, spread: r.spread };
  } finally {
    await impl.close();
  }
}

export interface ReferenceThroughput {
  readonly decimalBaselineLogitsPerSecond: number;
  readonly certifiedLogitsPerSecond: number;
  readonly speedup: number;
}

/**
 * Logits per second of a softmax-CE batch of 1000-class rows, every output (loss, gradient,
 * log-probabilities): plain decimal.js on 4 rows, the certified reference (`--impl reference`) on 64.
 */
export async function referenceThroughput(s: BenchSettings): Promise<ReferenceThroughput> {
  const rows = (count: number) => Array.from({ length: count }, (_, r) => logitRow(CLASSES, r));
  const baselineRows = rows(4);
  const json = batchJson({ rows: 64, classes: CLASSES, reduction: 'none', outputs: ['loss', 'grad', 'logProb'] });
  const valid = validateCase(decodeCase(json));
  const engine = await createReferenceEngine('decimal');
  try {
    const r = await ratioOf(
      () => baselineRows.forEach((x, i) => plainDecimalRow(x, targetOf(CLASSES, i))),
      () => evaluateReference(valid, engine),
      Math.min(s.rounds, 2),
      2,
    );
    const baseline = (4 * CLASSES) / (r.numeratorMs / 1000);
    const certified = (64 * CLASSES) / (r.denominatorMs / 1000);
    return {
      decimalBaselineLogitsPerSecond: baseline,
      certifiedLogitsPerSecond: certified,
      speedup: certified / baseline,
    };
  } finally {
    engine.dispose();
  }
}
