/**
 * One `losscheck bench` run: every figure, with the machine it was taken on and how loaded the
 * machine was while it ran (spec/formats.md#CLI-BENCH).
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { kernelFigure, pipelineFigure, referenceThroughput, type BenchSettings, type KernelFigure } from './figures.js';
import { checkSeconds, coldRowSeconds } from './processes.js';

export interface BenchOptions extends BenchSettings {
  /** Workers of the suite figure (`--workers`). */
  readonly workers: number;
  /** Called as each figure starts. */
  readonly onStep?: (step: string) => void;
}

export type BenchReport = Awaited<ReturnType<typeof runBench>>;

function machine() {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

async function kernels(o: BenchOptions): Promise<Record<string, KernelFigure>> {
  const out: Record<string, KernelFigure> = {};
  for (const name of ['accurate', 'fused'] as const)
    for (const dtype of ['float64', 'float32'] as const) {
      o.onStep?.(`${name} ${dtype} against ONNX Runtime`);
      out[`${name}.${dtype}`] = await kernelFigure(name, dtype, o);
    }
  return out;
}

/** Every figure of issue 10, in this process and in fresh ones. */
export async function runBench(o: BenchOptions) {
  const loadBefore = loadavg()[0]!;
  o.onStep?.('pipeline');
  const pipeline = await pipelineFigure(o);
  const k = await kernels(o);
  o.onStep?.('reference throughput');
  const throughput = await referenceThroughput(o);
  o.onStep?.('cold 131072-class row');
  const coldRow131072Seconds = await coldRowSeconds();
  o.onStep?.(`check --impl fused, 1 worker and ${o.workers}`);
  const one = await checkSeconds(1);
  const many = o.workers === 1 ? one : await checkSeconds(o.workers);
  return {
    tool: 'losscheck bench',
    machine: machine(),
    loadAverage: { before: loadBefore, after: loadavg()[0]! },
    settings: { rounds: o.rounds, iterations: o.iterations, shape: [4096, 1000] },
    pipeline,
    accurate: { float64: k['accurate.float64']!, float32: k['accurate.float32']! },
    fused: { float64: k['fused.float64']!, float32: k['fused.float32']! },
    reference: { ...throughput, coldRow131072Seconds },
    suite: {
      checkSeconds: many.seconds,
      propertyRunsPerSecond: many.runs / many.seconds,
      workers: o.workers,
      oneWorkerSeconds: one.seconds,
      speedupOverOneWorker: one.seconds / many.seconds,
    },
  };
}
