/**
 * `losscheck eval` (spec/formats.md#CLI-1): one result line per case line.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { encodeResult } from '../case/result.js';
import { Option, type Command } from 'commander';
import { IMPL_FORMS, resolveImplementation } from '../adapters/registry.js';
import { parseCaseLines, readSource } from '../case/file.js';
import { runCase } from '../adapters/runCase.js';
import { seconds } from './options.js';

export interface EvalOptions {
  readonly impl: string;
  readonly cases: string;
  readonly out: string;
  readonly timeoutMs?: number;
}

async function write(stream: Writable, line: string): Promise<void> {
  if (!stream.write(line)) await once(stream, 'drain');
}

/** Evaluate every case of a file; returns the exit code (0: done). */
export async function evalCases(options: EvalOptions): Promise<number> {
  const cases = parseCaseLines(await readSource(options.cases), options.cases === '-' ? 'stdin' : options.cases);
  const impl = await resolveImplementation(options.impl, { timeoutMs: options.timeoutMs });
  const out = options.out === '-' ? process.stdout : createWriteStream(options.out);
  try {
    for (const raw of cases) {
      const result = await runCase(impl, raw);
      await write(out, `${JSON.stringify(encodeResult(result))}\n`);
    }
  } finally {
    await impl.close?.();
    if (out !== process.stdout) {
      out.end();
      await once(out, 'finish');
    }
  }
  return 0;
}

export function registerEval(cli: Command): void {
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
}
