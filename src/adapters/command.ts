/**
 * `cmd:COMMAND ARGS...` implementations (spec/formats.md#FMT-5.2, FMT-5.3).
 */
import { parse } from 'shell-quote';
import { ImplementationFault, PROCESS_FAULTS, UnsupportedCaseError, UsageError } from '../case/errors.js';
import { encodeCase } from '../case/decode.js';
import { parseResultLine } from '../case/result.js';
import type { CaseResult } from '../case/types.js';
import type { Implementation } from './types.js';
import { JsonLinesProcess, type Line } from './jsonLinesProcess.js';
import { caseTimeoutMs, DEFAULT_TIMEOUT_MS } from './timeouts.js';

/** Split a command line as a POSIX shell would, refusing what only a shell could run. */
export function splitCommand(command: string): string[] {
  const words = parse(command, (name) => `$${name}`);
  const operator = words.find((w) => typeof w !== 'string');
  if (operator !== undefined) {
    throw new UsageError(
      `cmd:${command} holds shell syntax (${JSON.stringify(operator)}); losscheck runs the command without a shell`,
    );
  }
  if (words.length === 0) throw new UsageError('cmd: needs a command, e.g. cmd:python3 adapter.py');
  return words as string[];
}

export interface PluginOptions {
  /** The base of every case's timeout (FMT-5.3). @defaultValue DEFAULT_TIMEOUT_MS */
  readonly timeoutMs?: number | undefined;
  /** Stops the plug-in at once: the case in flight fails with InterruptedError (CLI-8). */
  readonly signal?: AbortSignal | undefined;
}

/** The answer line as a result; a line that is not one names itself and its fault. */
function resultOf(line: Line, id: string, label: string): CaseResult {
  try {
    return parseResultLine(line.text, id);
  } catch (e) {
    if (!(e instanceof ImplementationFault)) throw e;
    throw new ImplementationFault(e.kind, `line ${line.number} of ${label}'s output: ${e.message}`);
  }
}

/** A process started once and fed one case per line. */
export function commandImplementation(command: string, options: PluginOptions = {}): Implementation {
  const label = `cmd:${command}`;
  const base = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const process = new JsonLinesProcess(splitCommand(command), label, options.signal);
  return {
    name: label,
    evaluate: async (c) => {
      const line = await process.request(JSON.stringify(encodeCase(c)), caseTimeoutMs(c, base, !process.running));
      let result: CaseResult;
      try {
        result = resultOf(line, c.id, label);
      } catch (e) {
        // Out of step with its cases: the next case starts a fresh process.
        if (e instanceof ImplementationFault && PROCESS_FAULTS.has(e.kind)) process.kill();
        throw e;
      }
      if ('unsupported' in result) throw new UnsupportedCaseError(result.unsupported);
      if ('error' in result) throw new Error(result.error);
      return result;
    },
    close: () => process.close(),
  };
}
