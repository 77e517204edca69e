/**
 * `losscheck onnx-cases` and `export-onnx-cases` (spec/formats.md#CLI-4): the ONNX backend-test
 * runner of src/backendTests, loaded only when one of them runs (it brings onnxruntime-node).
 */
import type { Command } from 'commander';
import { IMPL_FORMS } from '../adapters/registry.js';
import type { OnnxCasesOptions } from '../backendTests/run.js';
import { optionalPackage } from '../adapters/optionalPackage.js';
import { interruptible } from './lifetime.js';
import { timeoutOption } from './options.js';

export function registerOnnxCases(cli: Command): void {
  cli
    .command('onnx-cases')
    .description(
      'run ONNX backend-test directories (SoftmaxCrossEntropyLoss, NegativeLogLikelihoodLoss) against an implementation',
    )
    .argument('<DIR...>', 'backend-test directories, or folders of them')
    .option('--impl <IMPL>', `implementation: ${IMPL_FORMS}`, 'reference')
    .option('--json <FILE>', 'write the report as JSON')
    .addOption(timeoutOption())
    .action(async (dirs: string[], o: Omit<OnnxCasesOptions, 'dirs' | 'timeoutMs'> & { timeout?: number }) => {
      await optionalPackage('onnxruntime-node', 'losscheck onnx-cases'); // CLI-PEER
      const { onnxCasesCommand } = await import('../backendTests/run.js');
      process.exitCode = await interruptible((signal) =>
        onnxCasesCommand({ dirs, impl: o.impl, json: o.json, timeoutMs: o.timeout, signal }),
      );
    });
  cli
    .command('export-onnx-cases')
    .description(
      "write the suite's cases as ONNX backend-test directories, expected outputs from the certified reference",
    )
    .requiredOption('--out <DIR>', 'where to write the directories')
    .option('--cases <FILE>', 'a JSON Lines case file (default: the golden cases ONNX can express)')
    .action(async (o: { out: string; cases?: string }) => {
      const { exportOnnxCasesCommand } = await import('../backendTests/exportRun.js');
      process.exitCode = await exportOnnxCasesCommand(o);
    });
}
