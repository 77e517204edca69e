#!/usr/bin/env node
/**
 * The `losscheck` command (spec/formats.md#CLI-1..3, CLI-8). Exit codes: 0 done or conformant,
 * 1 nonconformant, 2 bad usage or setup, 130 interrupted; user errors print one line, never a
 * stack trace.
 */
import { CommanderError } from 'commander';
import { GaveUpError, InterruptedError, LossInputError, UsageError } from './case/errors.js';
import { INTERRUPTED_EXIT } from './commands/lifetime.js';
import { program } from './commands/program.js';
import { VERSION } from './version.js';

/** A reader that stopped reading (`losscheck … | head`): what follows for stdout is dropped, quietly (CLI-3). */
const readerGone = (e: unknown): boolean => (e as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';

async function main(argv: readonly string[]): Promise<void> {
  process.stdout.on('error', (e) => {
    if (!readerGone(e)) throw e;
  });
  try {
    await (await program(VERSION, argv[2])).parseAsync(argv);
  } catch (e) {
    if (readerGone(e)) return;
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    if (e instanceof InterruptedError || e instanceof GaveUpError) {
      process.stderr.write(`losscheck: ${e.message}\n`);
      process.exitCode = e instanceof InterruptedError ? INTERRUPTED_EXIT : 1;
      return;
    }
    const userError = e instanceof UsageError || e instanceof LossInputError;
    process.stderr.write(`losscheck: ${userError ? '' : 'internal error: '}${(e as Error).message ?? String(e)}\n`);
    if (!userError && process.env.LOSSCHECK_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 2;
  }
}

await main(process.argv);
