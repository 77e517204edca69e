import { afterAll, describe, expect, it } from 'vitest';
import { resolveImplementation } from '../../src/adapters/registry.js';
import type { Implementation } from '../../src/adapters/types.js';
import { ImplementationFault, UnsupportedCaseError } from '../../src/case/errors.js';
import { expectations } from '../../src/check/expectations.js';
import { FORMATS } from '../../src/numeric/dtype.js';
import { bitsOfError, maxUlps } from '../../src/numeric/ulp.js';
import { createReferenceEngine } from '../../src/reference/engines.js';
import { measurePoint } from '../../src/stability/measure.js';
import { gapCase } from '../../src/stability/sweeps/gap.js';

const engine = await createReferenceEngine();
const expect_ = expectations({ engine });
afterAll(() => engine.dispose());

const json = gapCase(30, 'float32', 1);
const ROWS = 8;

function answering(evaluate: Implementation['evaluate']): Implementation {
  return { name: 'test', evaluate };
}

async function point(impl: Implementation) {
  const measured = await measurePoint({ impl, expect: expect_ }, json, 30);
  if (measured.kind !== 'point') throw new Error(`no point: ${measured.kind}`);
  return measured.point;
}

describe('measurePoint (spec/stability.md#STAB-3)', () => {
  it('should find no error in the certified reference itself, and time it per value', async () => {
    const reference = await resolveImplementation('reference');
    const p = await point(reference);
    await reference.close?.();
    expect(p).toMatchObject({ x: 30, meanBits: 0, maxBits: 0, nonFinite: 0 });
    expect(p.nsPerValue).toBeGreaterThan(0);
  });

  it('should count NaN and ∞ where the certified value is finite, each at the bits TOL-1 gives it', async () => {
    const p = await point(
      answering(() => ({ loss: Float64Array.from({ length: ROWS }, (_, i) => (i < 2 ? NaN : Infinity)) })),
    );
    expect(p.nonFinite).toBe(ROWS);
    expect(p.maxBits).toBe(bitsOfError(maxUlps('float32')));
    expect(p.meanBits).toBeLessThan(FORMATS.float32.width);
  });

  it('should round a value into the dtype first (TOL-LEVEL.1): a double beyond float32 is ∞ there', async () => {
    const beyond = 2 * FORMATS.float32.maxFinite;
    expect((await point(answering(() => ({ loss: new Float64Array(ROWS).fill(beyond) })))).nonFinite).toBe(ROWS);
  });

  it('should count the width for every value of a valid case the implementation rejects', async () => {
    const p = await point(
      answering(() => {
        throw new Error('no thanks');
      }),
    );
    const width = FORMATS.float32.width;
    expect(p).toMatchObject({ meanBits: width, maxBits: width, nonFinite: 0, rejected: 'no thanks' });
  });

  it('should count the width for every value of a case the implementation faults on (FMT-5.3)', async () => {
    const p = await point(
      answering(() => {
        throw new ImplementationFault('crash', 'the process exited with code 3');
      }),
    );
    const width = FORMATS.float32.width;
    expect(p).toMatchObject({ meanBits: width, maxBits: width, fault: 'the process exited with code 3' });
  });

  it('should give no point for a case the implementation does not implement', async () => {
    const impl = answering(() => {
      throw new UnsupportedCaseError('float32 is not offered');
    });
    expect(await measurePoint({ impl, expect: expect_ }, json, 30)).toEqual({
      kind: 'unsupported',
      reason: 'float32 is not offered',
    });
  });
});
