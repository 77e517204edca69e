/**
 * `losscheck bench [--json FILE]` (spec/formats.md#CLI-BENCH): what losscheck's own parts cost,
 * measured against ONNX Runtime and against plain decimal.js. Timings are never asserted in tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Option, type Command } from 'commander';
import { optionalPackage } from '../adapters/optionalPackage.js';
import type { BenchReport } from '../bench/run.js';
import { DEFAULT_WORKERS } from '../pool/threads.js';
import { countOf } from './options.js';

export interface BenchCommandOptions {
  readonly json?: string | undefined;
  readonly rounds: number;
  readonly iterations: number;
  readonly workers: number;
}

const ms = (v: number): string => `${v.toFixed(1)} ms`;
const spread = ([lo, hi]: readonly [number, number]): string => `${lo.toFixed(2)}–${hi.toFixed(2)}`;

/** The table printed on stdout. */
export function formatBench(r: BenchReport): string {
  const lines = [
    `losscheck bench on ${r.machine.cpu} × ${r.machine.cores}, Node ${r.machine.node} (load ${r.loadAverage.before.toFixed(1)} → ${r.loadAverage.after.toFixed(1)})`,
    `pipeline: runCase --impl ort ${ms(r.pipeline.runCaseMs)}, ORT session.run ${ms(r.pipeline.kernelMs)}: overhead ${r.pipeline.overhead.toFixed(2)} (rounds ${spread(r.pipeline.spread)})`,
  ];
  for (const name of ['accurate', 'fused'] as const)
    for (const dtype of ['float64', 'float32'] as const) {
      const k = r[name][dtype];
      lines.push(
        `${name} ${dtype}: ${ms(k.msPerBatch)}, ORT ${ms(k.ortMsPerBatch)}: ratio ${k.ratioToOrt.toFixed(2)} (rounds ${spread(k.spread)})`,
      );
    }
  const ref = r.reference;
  lines.push(
    `reference: ${ref.certifiedLogitsPerSecond.toFixed(0)} logits/s certified, decimal.js baseline ${ref.decimalBaselineLogitsPerSecond.toFixed(0)}: ${ref.speedup.toFixed(0)}×; cold 131072-class row ${ref.coldRow131072Seconds.toFixed(2)} s`,
    `suite: check --impl fused ${r.suite.checkSeconds.toFixed(1)} s on ${r.suite.workers} workers (${r.suite.propertyRunsPerSecond.toFixed(0)} runs/s), ${r.suite.oneWorkerSeconds.toFixed(1)} s on one: ${r.suite.speedupOverOneWorker.toFixed(2)}×`,
  );
  return `${lines.join('\n')}\n`;
}

export async function benchCommand(o: BenchCommandOptions): Promise<number> {
  // ONNX Runtime is the yardstick, and an optional peer: loaded only when bench runs (CLI-PEER).
  await optionalPackage('onnxruntime-node', 'losscheck bench');
  const { runBench } = await import('../bench/run.js');
  const onStep = (step: string) => process.stderr.write(`bench: ${step}\n`);
  const report = await runBench({ rounds: o.rounds, iterations: o.iterations, workers: o.workers, onStep });
  if (o.json) {
    mkdirSync(dirname(o.json), { recursive: true });
    writeFileSync(o.json, `${JSON.stringify(report, null, 2)}\n`);
  }
  process.stdout.write(formatBench(report));
  return 0;
}

export function registerBench(cli: Command): void {
  cli
    .command('bench')
    .description("what losscheck's parts cost, against ONNX Runtime and plain decimal.js")
    .option('--json <FILE>', 'write every figure as JSON')
    .addOption(new Option('--rounds <N>', 'rounds of each pair (the spread)').default(3).argParser(countOf('--rounds')))
    .addOption(
      new Option('--iterations <N>', 'timed iterations per round').default(5).argParser(countOf('--iterations')),
    )
    .addOption(
      new Option('--workers <N>', 'workers of the suite figure')
        .default(DEFAULT_WORKERS)
        .argParser(countOf('--workers')),
    )
    .action(async (o: BenchCommandOptions) => {
      process.exitCode = await benchCommand(o);
    });
}
