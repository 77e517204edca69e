#!/usr/bin/env node
/**
 * The `losscheck` command (spec/formats.md#CLI-1..3). Exit codes: 0 done or conformant,
 * 1 nonconformant, 2 bad usage or setup; user errors print one line, never a stack trace.
 */
import { Command, CommanderError, Option } from 'commander';
import { LossInputError, UsageError } from './case/errors.js';
import { IMPL_FORMS } from './adapters/registry.js';
import { runDemo } from './runner/demo.js';
import { MATRIX_IMPLEMENTATIONS, runMatrix } from './runner/matrix.js';
import { checkCommand, type CheckCommandOptions } from './runner/checkCommand.js';
import { evalCases } from './runner/eval.js';
import { huntCommand, type HuntCommandOptions } from './runner/huntCommand.js';
import { replayCommand } from './runner/replay.js';
import { DEFAULT_FAMILIES } from '../properties/suite.js';
import type { OnnxCasesOptions } from './runner/onnxCases.js';

const VERSION = '0.1.0';

const positiveInteger = (option: string) => (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${option} takes a non-negative integer, got "${value}"`);
  return n;
};

const positiveNumber = (option: string) => (value: string): number => {
  const n = Number(value);
  if (!(n > 0)) throw new UsageError(`${option} takes a positive number, got "${value}"`);
  return n;
};

const seconds = (value: string): number => {
  const s = Number(value);
  if (!(s > 0)) throw new UsageError(`--timeout takes a positive number of seconds, got "${value}"`);
  return s * 1000;
};

function program(): Command {
  const cli = new Command('losscheck')
    .description('Verification and conformance suite for cross-entropy-family losses')
    .version(VERSION, '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError('(run losscheck --help for usage)');
  cli
    .command('eval')
    .description('evaluate cases (JSON Lines) with an implementation, one result line per case')
    .requiredOption('--impl <IMPL>', `implementation: ${IMPL_FORMS}`)
    .option('--cases <FILE>', 'case file, - for stdin', '-')
    .option('--out <FILE>', 'result file, - for stdout', '-')
    .addOption(new Option('--timeout <SECONDS>', 'per-case timeout of cmd: implementations').argParser(seconds))
    .action(async (o: { impl: string; cases: string; out: string; timeout?: number }) => {
      process.exitCode = await evalCases({ impl: o.impl, cases: o.cases, out: o.out, timeoutMs: o.timeout });
    });
  cli
    .command('check')
    .description('the conformance run: spec cases, corpus, property families against the certified reference')
    .requiredOption('--impl <IMPL>', `implementation: ${IMPL_FORMS}`)
    .option('--profile <P>', 'profile(s) whose semantics the implementation follows', 'torch')
    .option('--loss <L,...>', 'losses to check (default: all)')
    .option('--dtype <D,...>', 'dtypes to check (default: all)')
    .option('--family <F,...>', `property families to run (default: ${DEFAULT_FAMILIES.join(',')})`)
    .option('--level <LEVEL>', 'exact, accurate, stable or framework (spec/tolerance.md)', 'stable')
    .addOption(new Option('--runs <N>', 'generated cases per property').default(20).argParser(positiveInteger('--runs')))
    .addOption(new Option('--seed <N>', 'seed of every property (default: time)').argParser(positiveInteger('--seed')))
    .option('--manifest <FILE>', 'known deviations: failures expected, with reasons')
    .option('--corpus <DIR>', 'replay saved counterexamples first; save new ones')
    .option('--shard <I/N>', 'run the I-th of N slices of the checks')
    .option('--json <FILE>', 'write the JSON report')
    .option('--junit <FILE>', 'write a JUnit XML report')
    .option('--markdown <FILE>', 'write a Markdown report')
    .option('--html <DIR>', 'write DIR/report.html')
    .addOption(new Option('--timeout <SECONDS>', 'per-case timeout of cmd: implementations').argParser(seconds))
    .action(async (o: CheckCommandOptions & { timeout?: number }) => {
      process.exitCode = await checkCommand({ ...o, timeoutMs: o.timeout }, VERSION);
    });
  // --- replay and hunt (issue 4): counterexamples judged again, and searched for ---
  cli
    .command('replay')
    .description('judge a saved counterexample again, through the check that found it')
    .argument('<FILE>', 'a counterexample file of a corpus')
    .requiredOption('--impl <IMPL>', `implementation: ${IMPL_FORMS}`)
    .option('--level <LEVEL>', 'exact, accurate, stable or framework (spec/tolerance.md)', 'stable')
    .addOption(new Option('--timeout <SECONDS>', 'per-case timeout of cmd: implementations').argParser(seconds))
    .action(async (file: string, o: { impl: string; level: string; timeout?: number }) => {
      process.exitCode = await replayCommand({ file, impl: o.impl, level: o.level, timeoutMs: o.timeout });
    });
  cli
    .command('hunt')
    .description('search for the case on which the implementation errs most, and save it to the corpus')
    .requiredOption('--impl <IMPL>', `implementation: ${IMPL_FORMS}`)
    .addOption(new Option('--seconds <N>', 'how long to search (default 10)').argParser(positiveNumber('--seconds')))
    .addOption(new Option('--evaluations <N>', 'how many cases to evaluate, instead of a time').argParser(positiveInteger('--evaluations')))
    .option('--loss <L,...>', 'losses to search (default: all)')
    .option('--dtype <D,...>', 'dtypes to search (default: all)')
    .option('--profile <P>', 'the profile whose semantics the implementation follows', 'torch')
    .option('--level <LEVEL>', 'the level the worst case is judged at', 'stable')
    .option('--corpus <DIR>', 'where the worst case is saved', '.losscheck/corpus')
    .addOption(new Option('--seed <N>', 'seed of the search (default: time)').argParser(positiveInteger('--seed')))
    .addOption(new Option('--timeout <SECONDS>', 'per-case timeout of cmd: implementations').argParser(seconds))
    .action(async (o: Omit<HuntCommandOptions, 'timeoutMs'> & { timeout?: number }) => {
      process.exitCode = await huntCommand({ ...o, timeoutMs: o.timeout });
    });
  // --- end of replay and hunt ---
  cli
    .command('matrix')
    .description('the main job: every built-in and ONNX Runtime through the conformance run, as a matrix (CLI-6)')
    .option('--out <DIR>', 'where the reports go', 'reports')
    .option('--impl <IMPL...>', `implementations to survey instead of ${MATRIX_IMPLEMENTATIONS.join(' ')} (${IMPL_FORMS})`)
    .addOption(new Option('--runs <N>', 'generated cases per property').default(20).argParser(positiveInteger('--runs')))
    .addOption(new Option('--seed <N>', 'seed of every property').default(20261128).argParser(positiveInteger('--seed')))
    .action(async (o: { out: string; impl?: string[]; runs: number; seed: number }) => {
      process.exitCode = await runMatrix(o);
    });
  cli
    .command('demo')
    .description('the built-in implementations side by side on cases where textbook forms break')
    .action(async () => {
      process.exitCode = await runDemo();
    });
  // --- ONNX backend-test directories (issue 5): onnx-cases, export-onnx-cases ---
  cli
    .command('onnx-cases')
    .description('run ONNX backend-test directories (SoftmaxCrossEntropyLoss, NegativeLogLikelihoodLoss) against an implementation')
    .argument('<DIR...>', 'backend-test directories, or folders of them')
    .option('--impl <IMPL>', `implementation: ${IMPL_FORMS}`, 'reference')
    .option('--json <FILE>', 'write the report as JSON')
    .addOption(new Option('--timeout <SECONDS>', 'per-case timeout of cmd: implementations').argParser(seconds))
    .action(async (dirs: string[], o: Omit<OnnxCasesOptions, 'dirs' | 'timeoutMs'> & { timeout?: number }) => {
      const { onnxCasesCommand } = await import('./runner/onnxCases.js');
      process.exitCode = await onnxCasesCommand({ dirs, impl: o.impl, json: o.json, timeoutMs: o.timeout });
    });
  cli
    .command('export-onnx-cases')
    .description("write the suite's cases as ONNX backend-test directories, expected outputs from the certified reference")
    .requiredOption('--out <DIR>', 'where to write the directories')
    .option('--cases <FILE>', 'a JSON Lines case file (default: the golden cases ONNX can express)')
    .action(async (o: { out: string; cases?: string }) => {
      const { exportOnnxCasesCommand } = await import('./runner/onnxExport.js');
      process.exitCode = await exportOnnxCasesCommand(o);
    });
  // --- end of the ONNX commands ---
  return cli;
}

async function main(argv: readonly string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    const userError = e instanceof UsageError || e instanceof LossInputError;
    process.stderr.write(`losscheck: ${userError ? '' : 'internal error: '}${(e as Error).message ?? String(e)}\n`);
    if (!userError && process.env.LOSSCHECK_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 2;
  }
}

await main(process.argv);
