import { describe, expect, it } from 'vitest';
import { createMpfrEngine } from '../../src/reference/mpfrEngine.js';

const row = Float64Array.from({ length: 500 }, (_, i) => Math.sin(i) * 20);

function rowSum(engine: Awaited<ReturnType<typeof createMpfrEngine>>): number | undefined {
  return engine.run(128, (a) =>
    a.round(
      row.reduce((s, x) => a.add(s, a.exp(a.fromDouble(x))), a.fromDouble(0)),
      'float64',
    ),
  );
}

describe('MPFR engine memory (REF-9.1, REF-1.4)', () => {
  it('should reuse its values across scopes and free them all on dispose', async () => {
    const engine = await createMpfrEngine();
    const first = rowSum(engine);
    const allocated = engine.allocatedValues;
    expect(allocated).toBeGreaterThan(row.length);
    expect(rowSum(engine)).toBe(first);
    expect(engine.allocatedValues).toBe(allocated);
    engine.dispose();
    expect(engine.allocatedValues).toBe(0);
    expect(() => rowSum(engine)).toThrow(/disposed/);
  });

  it('should refuse nested scopes and precisions outside its range', async () => {
    const engine = await createMpfrEngine();
    expect(() => engine.run(128, () => engine.run(128, () => 0))).toThrow(/nested/);
    expect(() => engine.run(52, () => 0)).toThrow(RangeError);
    expect(() => engine.run(128.5, () => 0)).toThrow(RangeError);
    engine.dispose();
  });
});
