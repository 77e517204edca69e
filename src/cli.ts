#!/usr/bin/env node
/**
 * The `losscheck` command (spec/formats.md#CLI-1..3). Exit codes: 0 done or conformant,
 * 1 nonconformant, 2 bad usage or setup; user errors print one line, never a stack trace.
 */
import { Command, CommanderError, Option } from 'commander';
import { LossInputError, UsageError } from './case/errors.js';
import { IMPL_FORMS } from './adapters/registry.js';
import { runDemo } from './runner/demo.js';
import { evalCases } from './runner/eval.js';

const seconds = (value: string): number => {
  const s = Number(value);
  if (!(s > 0)) throw new UsageError(`--timeout takes a positive number of seconds, got "${value}"`);
  return s * 1000;
};

function program(): Command {
  const cli = new Command('losscheck')
    .description('Verification and conformance suite for cross-entropy-family losses')
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
    .command('demo')
    .description('the built-in implementations side by side on cases where textbook forms break')
    .action(async () => {
      process.exitCode = await runDemo();
    });
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
