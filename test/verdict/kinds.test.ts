import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAILURE_KINDS, valueFailureKind } from '../../src/verdict/kinds.js';

/** The kinds REP-7's table lists, in its order: the first cell of each row. */
function specKinds(): string[] {
  const spec = readFileSync(new URL('../../spec/formats.md', import.meta.url), 'utf8');
  const clause = spec.slice(spec.indexOf('- **REP-7**'), spec.indexOf('- **REP-8**'));
  return [...clause.matchAll(/^\s*\| `([a-z-]+)` \|/gm)].map((m) => m[1]!);
}

describe('the failure kinds (REP-7)', () => {
  it("should be REP-7's table, in its order (the order reports group failures by)", () => {
    expect(specKinds()).toHaveLength(7);
    expect(FAILURE_KINDS).toEqual(specKinds());
  });

  it('should call a non-finite answer where the exact value is finite non-finite, at either sign (TOL-LEVEL.2)', () => {
    for (const actual of [NaN, Infinity, -Infinity]) expect(valueFailureKind(actual, 0.5)).toBe('non-finite');
  });

  it('should call a miss of a special value the profile defines semantic, whatever the answer (TOL-LEVEL.2)', () => {
    for (const expected of [NaN, Infinity, -Infinity])
      for (const actual of [0.5, NaN, -Infinity]) expect(valueFailureKind(actual, expected)).toBe('semantic');
  });

  it('should call a finite answer for a finite value beyond-level (TOL-LEVEL.3..6)', () => {
    expect(valueFailureKind(0.25, 0.5)).toBe('beyond-level');
    expect(valueFailureKind(-1e308, 0)).toBe('beyond-level');
  });
});
