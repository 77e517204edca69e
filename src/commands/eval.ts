/**
 * `losscheck eval` (spec/formats.md#CLI-1): one result line per case line.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { encodeResult } from '../case/result.js';
import type { Command } from 'commander';
import { IMPL_FORMS, resolveImplementation } from '../adapters/registry.js';
import { parseCaseLines, readSource } from '../case/file.js';
import { runCase } from '../adapters/runCase.js';
import type { Implementation } from '../adapters/types.js';
import { caseId } from '../case/decode.js';
import { GaveUpError, ImplementationFault } from '../case/errors.js';
import type { CaseResult } from '../case/types.js';
import { checkWritable } from '../report/write.js';
import { interruptible } from './lifetime.js';
import { timeoutOption } from './options.js';

export interface EvalOptions {
  readonly impl: string;
  readonly cases: string;
  readonly out: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

async function write(stream: Writable, line: string): Promise<void> {
  if (!stream.write(line)) await once(stream, 'drain');
}

/**
 * A case's result line; no answer (FMT-5.3), or none coming since the implementation was given up
 * on (FMT-5.4), is an `error` result saying so.
 */
async function resultOf(impl: Implementation, raw: unknown): Promise<{ result: CaseResult; gaveUp?: boolean }> {
  try {
    return { result: await runCase(impl, raw) };
  } catch (e) {
    if (!(e instanceof ImplementationFault || e instanceof GaveUpError)) throw e;
    return { result: { id: caseId(raw), error: e.message }, gaveUp: e instanceof GaveUpError };
  }
}

/** Evaluate every case of a file; returns the exit code (0: done; 1: the implementation was given up on). */
export async function evalCases(options: EvalOptions): Promise<number> {
  const cases = parseCaseLines(await readSource(options.cases), options.cases === '-' ? 'stdin' : options.cases);
  if (options.out !== '-') checkWritable(options.out);
  const impl = await resolveImplementation(options.impl, { timeoutMs: options.timeoutMs, signal: options.signal });
  const out = options.out === '-' ? process.stdout : createWriteStream(options.out);
  let gaveUp = false;
  try {
    for (const raw of cases) {
      const { result, gaveUp: refused } = await resultOf(impl, raw);
      gaveUp ||= refused === true;
      await write(out, `${JSON.stringify(encodeResult(result))}\n`);
    }
  } finally {
    await impl.close?.();
    if (out !== process.stdout) {
      out.end();
      await once(out, 'finish');
    }
  }
  return gaveUp ? 1 : 0;
}

export function registerEval(cli: Command): void {
  cli
    .command('eval')
    .description('evaluate cases (JSON Lines) with an implementation, one result line per case')
    .requiredOption('--impl <IMPL>', `implementation: ${IMPL_FORMS}`)
    .option('--cases <FILE>', 'case file, - for stdin', '-')
    .option('--out <FILE>', 'result file, - for stdout', '-')
    .addOption(timeoutOption())
    .action(async (o: { impl: string; cases: string; out: string; timeout?: number }) => {
      process.exitCode = await interruptible((signal) =>
        evalCases({ impl: o.impl, cases: o.cases, out: o.out, timeoutMs: o.timeout, signal }),
      );
    });
}
