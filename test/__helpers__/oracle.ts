/**
 * The independent mpmath oracle (scripts/oracle): expected values, exact values and magnitudes
 * of a batch of cases, in one process run.
 */
import { spawnSync } from 'node:child_process';
import { decodeNumber } from '../../src/case/decode.js';
import type { OutputName } from '../../src/case/types.js';
import { PYTHON } from './python.js';

export interface OracleValues {
  readonly expected: Float64Array;
  readonly exact: string[];
  readonly magnitude: Float64Array;
}

export type OracleResult =
  | { readonly id: string; readonly error: string }
  | { readonly id: string; readonly outputs: Partial<Record<OutputName, OracleValues>> };

function decodeResult(line: string): OracleResult {
  const raw = JSON.parse(line) as Record<string, unknown>;
  if (typeof raw.error === 'string') return { id: String(raw.id), error: raw.error };
  const exact = raw.exact as Record<string, string[]>;
  const magnitude = raw.magnitude as Record<string, unknown[]>;
  const outputs: Partial<Record<OutputName, OracleValues>> = {};
  for (const name of ['loss', 'grad', 'logProb'] as const) {
    const values = raw[name] as unknown[] | undefined;
    if (!values) continue;
    outputs[name] = {
      expected: Float64Array.from(values, (v) => decodeNumber(v, name)),
      exact: exact[name]!,
      magnitude: Float64Array.from(magnitude[name]!, (v) => decodeNumber(v, name)),
    };
  }
  return { id: String(raw.id), outputs };
}

/** Run the oracle on JSON cases; one result per case, in order. */
export function oracle(cases: readonly Record<string, unknown>[]): OracleResult[] {
  const input = cases.map((c) => JSON.stringify(c)).join('\n') + '\n';
  const run = spawnSync(PYTHON, ['scripts/oracle/mpmath_oracle.py'], {
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: 600_000,
  });
  if (run.status !== 0) throw new Error(`oracle failed (${run.status}): ${run.stderr}`);
  const lines = run.stdout.trim().split('\n');
  if (lines.length !== cases.length) throw new Error(`oracle gave ${lines.length} results for ${cases.length} cases`);
  return lines.map(decodeResult);
}
