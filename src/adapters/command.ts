/**
 * `cmd:COMMAND ARGS...` implementations (spec/formats.md#FMT-5.2).
 */
import { parse } from 'shell-quote';
import { UnsupportedCaseError, UsageError } from '../case/errors.js';
import { encodeCase } from '../case/decode.js';
import { toLossValues } from '../case/result.js';
import type { Implementation } from './types.js';
import { JsonLinesProcess } from './jsonLinesProcess.js';

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

function decodeAnswer(text: string, lineNumber: number, caseId: string, label: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`line ${lineNumber} of ${label}'s output is not JSON: ${text.slice(0, 120)}`);
  }
  const id = (parsed as { id?: unknown } | null)?.id;
  if (typeof parsed !== 'object' || parsed === null || String(id) !== caseId) {
    throw new Error(
      `line ${lineNumber} of ${label}'s output is not the result of case "${caseId}": ${text.slice(0, 120)}`,
    );
  }
  return parsed;
}

/** A process started once and fed one case per line. */
export function commandImplementation(command: string, timeoutMs = 30_000): Implementation {
  const label = `cmd:${command}`;
  const process = new JsonLinesProcess(splitCommand(command), label);
  return {
    name: label,
    evaluate: async (c) => {
      const answer = await process.request(JSON.stringify(encodeCase(c)), timeoutMs);
      let result: Record<string, unknown>;
      try {
        result = decodeAnswer(answer.text, answer.number, c.id, label) as Record<string, unknown>;
      } catch (e) {
        process.kill(); // resynchronise: the next case starts a fresh process
        throw e;
      }
      if (typeof result.unsupported === 'string') throw new UnsupportedCaseError(result.unsupported);
      if (typeof result.error === 'string') throw new Error(result.error);
      return toLossValues(result);
    },
    close: () => process.close(),
  };
}
