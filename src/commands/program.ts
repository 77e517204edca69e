/**
 * The `losscheck` program (spec/formats.md#CLI-1..6): every command, each registered by its
 * own module.
 */
import { Command } from 'commander';
import { registerBench } from './bench.js';
import { registerCheck } from './check.js';
import { registerDemo } from './demo.js';
import { registerEval } from './eval.js';
import { registerHunt } from './hunt.js';
import { registerManifest } from './manifest.js';
import { registerMatrix } from './matrix.js';
import { registerMerge } from './merge.js';
import { registerOnnxCases } from './onnxCases.js';
import { registerReplay } from './replay.js';
import { registerStability } from './stability.js';

export function program(version: string): Command {
  const cli = new Command('losscheck')
    .description('Verification and conformance suite for cross-entropy-family losses')
    .version(version, '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError('(run losscheck --help for usage)');
  registerEval(cli);
  registerCheck(cli, version);
  registerReplay(cli);
  registerHunt(cli);
  registerMatrix(cli);
  registerMerge(cli);
  registerManifest(cli);
  registerStability(cli, version);
  registerDemo(cli);
  registerOnnxCases(cli);
  registerBench(cli);
  return cli;
}
