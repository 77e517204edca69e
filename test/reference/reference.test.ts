import { afterAll, describe, expect, it } from 'vitest';
import { decodeCase } from '../../src/case/decode.js';
import type { LossValues, OutputName } from '../../src/case/types.js';
import { validateCase } from '../../src/case/validate.js';
import type { ReferenceEngine } from '../../src/reference/arithmetic.js';
import { createDecimalEngine } from '../../src/reference/decimalEngine.js';
import { createMpfrEngine } from '../../src/reference/mpfrEngine.js';
import { evaluateReference } from '../../src/reference/reference.js';
import { ulpDistance } from '../../src/numeric/ulp.js';
import type { CaseJson } from '../__helpers__/cases.js';
import { oracle } from '../__helpers__/oracle.js';
import { skipWithout } from '../__helpers__/python.js';
import { HARD_CASES, sampledCases } from '../__helpers__/samples.js';

const decimal = createDecimalEngine();
const mpfr = await createMpfrEngine();
afterAll(() => {
  decimal.dispose();
  mpfr.dispose();
});

const certified = (json: CaseJson, engine: ReferenceEngine = mpfr): LossValues => evaluateReference(validateCase(decodeCase(json)), engine).values;

/** Values that differ (in ULPs, TOL-1) between the reference and the oracle, as messages. */
function disagreements(cases: CaseJson[]): string[] {
  const out: string[] = [];
  oracle(cases).forEach((result, i) => {
    const c = decodeCase(cases[i]!);
    if ('error' in result) return void out.push(`${c.id}: the oracle rejects a valid case: ${result.error}`);
    const values = certified(cases[i]!);
    for (const [name, want] of Object.entries(result.outputs) as [OutputName, { expected: Float64Array }][]) {
      want.expected.forEach((v, k) => {
        const got = values[name]![k]!;
        if (ulpDistance(got, v, c.dtype) !== 0) out.push(`${c.id} ${name}[${k}]: reference ${got}, oracle ${v}\n    ${JSON.stringify(cases[i])}`);
      });
    }
  });
  return out;
}

describe.skipIf(skipWithout('mpmath'))('the reference against the independent oracle (DT-3, TOL-6, REF-10)', () => {
  it('should be bit-identical on sampled cases of every loss, profile and dtype', () => {
    expect(disagreements(sampledCases(6)).slice(0, 8)).toEqual([]);
  });

  it('should be bit-identical on the hard cases', () => {
    expect(disagreements(HARD_CASES).slice(0, 8)).toEqual([]);
  });
});

describe('the reference on its two engines (REF-8)', () => {
  it('should give the same values on decimal.js and on MPFR', () => {
    for (const json of [...sampledCases(2, 500), ...HARD_CASES.filter((c) => c.id !== 'wide')]) {
      expect(certified(json, decimal), String(json.id)).toEqual(certified(json, mpfr));
    }
  });
});
