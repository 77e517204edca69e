/**
 * Case files: JSON Lines from a path or stdin (spec/formats.md#FMT-1, CLI-2).
 */
import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { UsageError } from './errors.js';

/** Read all of a file, or stdin for `-`. */
export async function readSource(source: string): Promise<string> {
  if (source === '-') return text(process.stdin);
  try {
    return await readFile(source, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Parse JSON Lines; a line that is not a JSON object makes the whole file malformed (CLI-2). */
export function parseCaseLines(content: string, source: string): unknown[] {
  const cases: unknown[] = [];
  content.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new UsageError(`${source}, line ${index + 1}: not JSON (${(e as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new UsageError(`${source}, line ${index + 1}: a case is a JSON object`);
    }
    cases.push(value);
  });
  return cases;
}
