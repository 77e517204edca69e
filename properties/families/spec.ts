/**
 * The spec's own cases (fixtures/cases/golden.ts), each one check, judged against the reference
 * like any other case — values, and the profile's rejections. `spec` holds the core cases every
 * correct implementation meets; `edges` the framework-internal conventions for special values.
 */
import fc from 'fast-check';
import { GOLDEN_CASES, type GoldenCase } from '../../fixtures/cases/golden.js';
import type { CaseJson, Family, PropertyCheck, Scope } from './family.js';
import { judgeAgainstReference } from './judge.js';

function inScope(g: GoldenCase, scope: Scope): boolean {
  const c = g.case as { loss: string; dtype?: string; profile?: string };
  return (
    (scope.losses as readonly string[]).includes(c.loss) &&
    (scope.dtypes as readonly string[]).includes(c.dtype ?? 'float64') &&
    (scope.profiles as readonly string[]).includes(c.profile ?? 'torch')
  );
}

function goldenFamily(family: string, edge: boolean): Family {
  return (scope) =>
    GOLDEN_CASES.filter((g) => (g.tier === 'edge') === edge && inScope(g, scope)).map((g): PropertyCheck<CaseJson> => ({
      id: `${family}/${g.name}`,
      family,
      clauses: g.clauses,
      arbitrary: fc.constant(g.case),
      caseOf: (json) => json,
      judge: judgeAgainstReference,
      runs: 1,
    })) as PropertyCheck<unknown>[];
}

export const spec: Family = goldenFamily('spec', false);
export const edges: Family = goldenFamily('edges', true);
